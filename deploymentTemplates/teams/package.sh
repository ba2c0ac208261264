#!/usr/bin/env bash
# Builds the Microsoft Teams app package for PartnerBot: fills the placeholders of manifest.json and zips it with
# the two icons (all three at the root of the zip, as Teams requires). Run with --help for the parameters.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
program="$(basename "$0")"

usage() {
  cat <<EOF
Usage: $program --app-id GUID --bot-domain HOST --developer-name NAME \\
         --website-url URL --privacy-url URL --terms-url URL [--version X.Y.Z] [--output FILE]

Builds the Microsoft Teams app package (a zip of manifest.json, color.png and outline.png) for PartnerBot.

Every parameter can also come from an environment variable (a flag wins over the variable):

  --app-id GUID          TEAMS_APP_ID          Microsoft App ID of the Azure Bot resource (a GUID). Used as the
                                               bot's botId and as the Teams app id.
  --bot-domain HOST      TEAMS_BOT_DOMAIN      host name PartnerBot is served from, without https:// or a path,
                                               e.g. partnerbot.azurewebsites.net
  --developer-name NAME  TEAMS_DEVELOPER_NAME  publisher name shown in Teams (at most 32 characters)
  --website-url URL      TEAMS_WEBSITE_URL     https:// page with information and support for the app
  --privacy-url URL      TEAMS_PRIVACY_URL     https:// privacy notice
  --terms-url URL        TEAMS_TERMS_URL       https:// terms of use
  --version X.Y.Z        TEAMS_APP_VERSION     app version; raise it for every update you upload
                                               (default: the version in manifest.json)
  --output FILE          TEAMS_PACKAGE_OUTPUT  the zip to write (default: partnerbot-teams.zip)
  -h, --help                                   show this help

Example:
  $program --app-id 6f1c2a7e-3b4d-4e8f-9a0b-1c2d3e4f5a6b --bot-domain partnerbot.azurewebsites.net \\
    --developer-name "Example Medical Devices" --website-url https://example.com \\
    --privacy-url https://example.com/privacy --terms-url https://example.com/terms
EOF
}

fail() {
  echo "$program: $*" >&2
  echo "Run '$program --help' for the parameters." >&2
  exit 2
}

app_id="${TEAMS_APP_ID:-}"
bot_domain="${TEAMS_BOT_DOMAIN:-}"
developer_name="${TEAMS_DEVELOPER_NAME:-}"
website_url="${TEAMS_WEBSITE_URL:-}"
privacy_url="${TEAMS_PRIVACY_URL:-}"
terms_url="${TEAMS_TERMS_URL:-}"
version="${TEAMS_APP_VERSION:-}"
output="${TEAMS_PACKAGE_OUTPUT:-partnerbot-teams.zip}"

while [[ $# -gt 0 ]]; do
  flag="$1"
  if [[ "$flag" == --*=* ]]; then # --flag=value
    value="${flag#*=}"; flag="${flag%%=*}"; shift
  elif [[ "$flag" == -h || "$flag" == --help ]]; then
    usage; exit 0
  else
    [[ "$flag" == --* ]] || fail "unexpected argument '$flag'"
    [[ $# -ge 2 ]] || fail "$flag needs a value"
    value="$2"; shift 2
  fi
  case "$flag" in
    --app-id) app_id="$value" ;;
    --bot-domain) bot_domain="$value" ;;
    --developer-name) developer_name="$value" ;;
    --website-url) website_url="$value" ;;
    --privacy-url) privacy_url="$value" ;;
    --terms-url) terms_url="$value" ;;
    --version) version="$value" ;;
    --output) output="$value" ;;
    *) fail "unknown option '$flag'" ;;
  esac
done

# ----- validation: the rules of the Teams manifest schema (1.29) and of Teams itself ----------------------
missing=()
[[ -n "$app_id" ]] || missing+=("--app-id")
[[ -n "$bot_domain" ]] || missing+=("--bot-domain")
[[ -n "$developer_name" ]] || missing+=("--developer-name")
[[ -n "$website_url" ]] || missing+=("--website-url")
[[ -n "$privacy_url" ]] || missing+=("--privacy-url")
[[ -n "$terms_url" ]] || missing+=("--terms-url")
[[ ${#missing[@]} -eq 0 ]] || fail "missing ${missing[*]}"

guid_pattern='^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$'
[[ "$app_id" =~ $guid_pattern ]] \
  || fail "--app-id must be a GUID such as 6f1c2a7e-3b4d-4e8f-9a0b-1c2d3e4f5a6b (the Azure Bot's Microsoft App ID), not '$app_id'"

[[ "$bot_domain" != *://* && "$bot_domain" != */* && "$bot_domain" != *:* ]] \
  || fail "--bot-domain is a host name only, without https://, a path or a port (e.g. partnerbot.azurewebsites.net), not '$bot_domain'"
domain_pattern='^(\*\.)?([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$'
[[ "$bot_domain" =~ $domain_pattern ]] || fail "--bot-domain '$bot_domain' is not a host name"

[[ ${#developer_name} -le 32 ]] || fail "--developer-name may have at most 32 characters (has ${#developer_name})"
[[ "$developer_name" != *[[:cntrl:]]* ]] || fail "--developer-name must not contain control characters"

check_url() { # flag value
  [[ "$2" =~ ^https://[^[:space:]]+$ ]] || fail "$1 must be an https:// address without spaces, not '$2'"
  [[ ${#2} -le 2048 ]] || fail "$1 may have at most 2048 characters"
}
check_url --website-url "$website_url"
check_url --privacy-url "$privacy_url"
check_url --terms-url "$terms_url"

# The schema's semver definition: three dot-separated numbers without leading zeros.
version_pattern='^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$'
[[ -z "$version" || "$version" =~ $version_pattern ]] || fail "--version must look like 1.2.3, not '$version'"

for file in manifest.json color.png outline.png; do
  [[ -f "$here/$file" ]] || fail "$here/$file is missing"
done
command -v python3 >/dev/null 2>&1 || fail "python3 is needed (to fill in the manifest and write the zip)"

# ----- fill in the manifest (in a temporary folder) -------------------------------------------------------
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Python writes each value as a JSON string, so quotes or backslashes in a name cannot break the manifest.
APP_ID="$app_id" BOT_DOMAIN="$bot_domain" DEVELOPER_NAME="$developer_name" WEBSITE_URL="$website_url" \
PRIVACY_URL="$privacy_url" TERMS_URL="$terms_url" APP_VERSION="$version" \
python3 - "$here/manifest.json" "$work/manifest.json" <<'PY'
import json, os, sys

source, target = sys.argv[1], sys.argv[2]
with open(source, encoding="utf-8") as f:
    text = f.read()
for name in ("APP_ID", "BOT_DOMAIN", "DEVELOPER_NAME", "WEBSITE_URL", "PRIVACY_URL", "TERMS_URL"):
    # The placeholders sit inside JSON strings; json.dumps(...)[1:-1] is the value escaped for that position.
    text = text.replace("{{" + name + "}}", json.dumps(os.environ[name], ensure_ascii=False)[1:-1])
if "{{" in text:
    line = next(l.strip() for l in text.splitlines() if "{{" in l)
    sys.exit(f"manifest.json still has a placeholder after substitution: {line}")
manifest = json.loads(text)
if os.environ["APP_VERSION"]:
    manifest["version"] = os.environ["APP_VERSION"]
with open(target, "w", encoding="utf-8") as f:
    json.dump(manifest, f, indent=2, ensure_ascii=False)
    f.write("\n")
PY

if grep -q '{{' "$work/manifest.json"; then
  fail "the filled-in manifest still contains '{{': $(grep -m1 '{{' "$work/manifest.json")"
fi
cp "$here/color.png" "$here/outline.png" "$work/"

# ----- zip: manifest.json, color.png and outline.png at the root -------------------------------------------
case "$output" in
  /*) output_path="$output" ;;
  *) output_path="$PWD/$output" ;;
esac
mkdir -p "$(dirname "$output_path")"
rm -f "$output_path"
# python3 -m zipfile stores each file under its base name, so all three land at the root of the zip.
(cd "$work" && python3 -m zipfile -c "$output_path" manifest.json color.png outline.png)

echo "Wrote $output_path"
echo "  app id $app_id, bot domain $bot_domain, version $(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["version"])' "$work/manifest.json")"
python3 -m zipfile -l "$output_path"
