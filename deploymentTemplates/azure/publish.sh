#!/usr/bin/env bash
# Publishes PartnerBot to the web app the template created: dotnet publish, zip, and a zip deployment.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
program="$(basename "$0")"

usage() {
  cat <<EOF
Usage: $program --resource-group NAME --app NAME

Builds PartnerBot in Release, zips the output and deploys it to the App Service web app.

  --resource-group NAME  AZURE_RESOURCE_GROUP  the resource group of the deployment
  --app NAME             AZURE_WEBAPP_NAME     the web app (the deployment's appName output)
  -h, --help                                   show this help
EOF
}

fail() {
  echo "$program: $1" >&2
  echo "Run $program --help for the parameters." >&2
  exit 2
}

group="${AZURE_RESOURCE_GROUP:-}"
app="${AZURE_WEBAPP_NAME:-}"
while [ $# -gt 0 ]; do
  case "$1" in
    --resource-group) [ $# -ge 2 ] || fail "--resource-group needs a value"; group="$2"; shift 2 ;;
    --app) [ $# -ge 2 ] || fail "--app needs a value"; app="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) fail "unknown parameter: $1" ;;
  esac
done
[ -n "$group" ] || fail "--resource-group is required"
[ -n "$app" ] || fail "--app is required"
command -v az >/dev/null 2>&1 || { echo "$program: the Azure CLI (az) is required" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

dotnet publish "$root/src/PartnerBot" -c Release -o "$work/app" --nologo
# python3's zipfile rather than zip, which many machines lack; the files go at the root of the archive.
(cd "$work/app" && python3 -m zipfile -c "$work/partnerbot.zip" ./*)
az webapp deploy --resource-group "$group" --name "$app" --src-path "$work/partnerbot.zip" --type zip
echo "Deployed to https://$(az webapp show --resource-group "$group" --name "$app" --query defaultHostName -o tsv)"
