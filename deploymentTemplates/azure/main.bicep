// PartnerBot on Azure: the bot's managed identity, the Azure Bot with its Teams channel, App Service on Linux,
// Table storage reached with the identity (no keys), and Application Insights on a Log Analytics workspace.
// No secret is passed in or written out: the bot and the app authenticate as the managed identity.
// Compiled to azuredeploy.json (for the portal); a test keeps the two in sync and lints this file.
targetScope = 'resourceGroup'

@description('Base name for every resource (letters, digits and hyphens). Names that must be unique in Azure get a suffix derived from the resource group.')
@minLength(3)
@maxLength(16)
param name string

@description('Region of the regional resources. The Azure Bot itself is global.')
param location string = resourceGroup().location

@description('App Service plan size. B1 is the smallest that keeps the app always on; S1 and up add slots and more instances.')
@allowed([
  'B1'
  'B2'
  'B3'
  'S1'
  'S2'
  'S3'
  'P0v3'
  'P1v3'
  'P2v3'
])
param appServicePlanSku string = 'B1'

@description('Number of app instances. State, ledger and logs live in Table storage, shared by every instance.')
@minValue(1)
@maxValue(10)
param instanceCount int = 1

@description('Azure Bot pricing tier. F0 is free for the standard channels (Teams, Web Chat, Direct Line).')
@allowed([
  'F0'
  'S1'
])
param botSku string = 'F0'

@description('Which Direct Line serves the website chat: the one embedded in the app (nothing more to deploy), or Azure\'s Direct Line channel (its secret is kept in Key Vault and read by the app through a Key Vault reference).')
@allowed([
  'Embedded'
  'Azure'
])
param directLine string = 'Embedded'

@description('The partner\'s name, as the bot and the chat page show it.')
param partnerName string = 'Example Medical Devices'

@description('What the bot calls itself.')
param botDisplayName string = 'PartnerBot'

@description('The privacy notice the bot links when it asks for consent.')
param privacyUrl string = 'https://example.com/privacy'

@description('The chat page\'s headline.')
param siteHeadline string = 'Find the right development partner for your medical device'

@description('The line under the chat page\'s headline.')
param siteTagline string = 'Development and manufacturing advice in a few minutes'

@description('The chat page\'s accent colour (#rrggbb).')
param siteAccentColor string = '#0a6ebd'

@description('Initials shown in the bot\'s avatar.')
@maxLength(2)
param botAvatarInitials string = 'EM'

@description('Picture shown as the bot\'s avatar instead of the initials (https), or empty.')
param botAvatarUrl string = ''

@description('Days Log Analytics keeps logs and telemetry.')
@minValue(30)
@maxValue(730)
param logRetentionDays int = 30

@description('Tags applied to every resource.')
param tags object = {}

var suffix = uniqueString(resourceGroup().id, name)
var compactName = toLower(replace(name, '-', ''))
var useAzureDirectLine = directLine == 'Azure'

// Built-in role definitions (the same ids in every tenant).
var storageTableDataContributor = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'

// The bot's identity: the Azure Bot registration uses it as its app id, and the app uses it for Table storage.
resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-${name}'
  location: location
  tags: tags
}

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: 'log-${name}'
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: logRetentionDays
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: 'appi-${name}'
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
  }
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: take('st${compactName}${suffix}', 24)
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    // Only Entra ID (the managed identity) gets in: no account keys, no SAS, nothing public.
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
  }
}

resource tableDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identity.id, storageTableDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageTableDataContributor)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: 'plan-${name}'
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: appServicePlanSku
    capacity: instanceCount
  }
  properties: {
    reserved: true
  }
}

// Azure's Direct Line, only when asked for: its secret goes to Key Vault and reaches the app as a reference.
resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = if (useAzureDirectLine) {
  name: take('kv${compactName}${suffix}', 24)
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
  }
}

resource vaultSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (useAzureDirectLine) {
  name: guid(resourceGroup().id, vault.name, identity.id, keyVaultSecretsUser)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: 'app-${name}-${suffix}'
  location: location
  tags: tags
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      linuxFxVersion: 'DOTNETCORE|10.0'
      // The zip deployment (publish.sh) holds the published app; this starts it.
      appCommandLine: 'dotnet PartnerBot.dll'
      alwaysOn: true
      healthCheckPath: '/healthz/ready'
      // The embedded Direct Line streams activities to the page over WebSockets.
      webSocketsEnabled: true
      http20Enabled: true
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
    }
  }
}

// The settings are their own resource so that they can wait for the Direct Line secret, which waits for the bot,
// which needs the app's address.
resource appSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: app
  name: 'appsettings'
  properties: {
    // Every key here is one the app reads (a test compares them with appsettings.sample.json).
    ASPNETCORE_ENVIRONMENT: 'Production'
    // On a stop (deploy, scale-in, restart) the turns in flight get this long to finish; the host's own shutdown
    // timeout is 10 s more, and App Service must wait longer still before it kills the process.
    Shutdown__DrainSeconds: '20'
    WEBSITES_CONTAINER_STOP_TIME_LIMIT: '45'
    // The app is reachable only through App Service's front end, which sets X-Forwarded-For and -Proto.
    ForwardedHeaders__Enabled: 'true'
    MicrosoftAppType: 'UserAssignedMsi'
    MicrosoftAppId: identity.properties.clientId
    MicrosoftAppTenantId: identity.properties.tenantId
    // Azure.Identity picks the user-assigned identity by this client id (Table storage).
    AZURE_CLIENT_ID: identity.properties.clientId
    Storage__Provider: 'AzureTable'
    Storage__TableServiceUri: storage.properties.primaryEndpoints.table
    // The generated privacy and Direct Line keys are kept here: /home is the app's persistent share, kept across
    // deployments (a zip deployment replaces wwwroot) and seen by every instance.
    Storage__KeysDirectory: '/home/data'
    DirectLine__Secret: useAzureDirectLine ? '@Microsoft.KeyVault(SecretUri=${directLineSecret!.properties.secretUri})' : ''
    APPLICATIONINSIGHTS_CONNECTION_STRING: insights.properties.ConnectionString
    Advisor__BotName: botDisplayName
    Advisor__PartnerName: partnerName
    Advisor__PrivacyUrl: privacyUrl
    // Links in the Teams lead alerts point at the sales workspace here.
    Sales__PublicUrl: 'https://${app.properties.defaultHostName}'
    Site__Name: partnerName
    Site__Headline: siteHeadline
    Site__Tagline: siteTagline
    Site__AccentColor: siteAccentColor
    Site__BotAvatarInitials: botAvatarInitials
    Site__BotAvatarUrl: botAvatarUrl
  }
  dependsOn: [
    // The app must find its storage and secret readable on its first start.
    tableDataContributor
    vaultSecretsUser
  ]
}

resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: app
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: 'bot-${name}-${suffix}'
  location: 'global'
  tags: tags
  kind: 'azurebot'
  sku: {
    name: botSku
  }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${app.properties.defaultHostName}/api/messages'
    msaAppType: 'UserAssignedMSI'
    msaAppId: identity.properties.clientId
    msaAppMSIResourceId: identity.id
    msaAppTenantId: identity.properties.tenantId
  }
}

resource teams 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
    }
  }
}

resource azureDirectLine 'Microsoft.BotService/botServices/channels@2022-09-15' = if (useAzureDirectLine) {
  parent: bot
  name: 'DirectLineChannel'
  location: 'global'
  properties: {
    channelName: 'DirectLineChannel'
    properties: {
      sites: [
        {
          siteName: 'Website'
          isEnabled: true
          isV1Enabled: false
          isV3Enabled: true
          isSecureSiteEnabled: false
        }
      ]
    }
  }
}

resource directLineSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (useAzureDirectLine) {
  parent: vault
  name: 'DirectLineSecret'
  properties: {
    value: azureDirectLine!.listChannelWithKeys().properties.properties.sites[0].key
  }
}

@description('The web app\'s address.')
output appUrl string = 'https://${app.properties.defaultHostName}'

@description('The web app\'s name (for publishing).')
output appName string = app.name

@description('The bot\'s Microsoft App ID: the managed identity\'s client id (for the Teams package).')
output botAppId string = identity.properties.clientId

@description('The Azure Bot resource name.')
output botName string = bot.name
