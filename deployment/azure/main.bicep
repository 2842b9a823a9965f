// SupportBot on Azure: the Azure Bot resource (Teams, Direct Line and Web Chat channels) pointing at the bot
// hosted in Azure Container Apps, with Azure Cache for Redis for the state the replicas share.
//   az deployment group create -g <resource group> -f deployment/azure/main.bicep \
//     -p deployment/azure/main.parameters.json -p msaAppPassword=<client secret>
// The app registration comes first (docs/deployment.md, "Register the bot").

targetScope = 'resourceGroup'

@description('Name prefix of every resource (lowercase letters, digits and hyphens).')
@minLength(3)
@maxLength(20)
param name string = 'supportbot'

@description('Region of the host and Redis. The bot resource itself is global.')
param location string = resourceGroup().location

@description('The container image to run, e.g. myregistry.azurecr.io/supportbot:1.0.0 (built from deployment/docker/Dockerfile).')
param containerImage string

@description('Registry server for a private image (e.g. myregistry.azurecr.io); empty for a public image.')
param containerRegistryServer string = ''

@description('User name for containerRegistryServer.')
param containerRegistryUsername string = ''

@description('Password for containerRegistryServer.')
@secure()
param containerRegistryPassword string = ''

@description('The app registration\'s type. SingleTenant for new bots; UserAssignedMSI runs without a secret; MultiTenant only for existing registrations.')
@allowed([
  'SingleTenant'
  'UserAssignedMSI'
  'MultiTenant'
])
param msaAppType string = 'SingleTenant'

@description('Application (client) ID of the app registration; for UserAssignedMSI, the client ID of the identity.')
param msaAppId string

@description('Directory (tenant) ID of the app registration.')
param msaAppTenantId string = subscription().tenantId

@description('Client secret of the app registration (not used with UserAssignedMSI). Give it on the command line, never in a file.')
@secure()
param msaAppPassword string = ''

@description('Resource ID of the user-assigned managed identity when msaAppType is UserAssignedMSI.')
param msaAppMSIResourceId string = ''

@description('Azure Bot pricing tier: F0 (free, standard channels) or S1.')
@allowed([
  'F0'
  'S1'
])
param botSku string = 'F0'

@description('Secret of the Direct Line channel for the website chat through Azure (DirectLine:AzureSecret). Empty: the host\'s own Direct Line serves the website. Available after the first deployment (docs/deployment.md).')
@secure()
param directLineSecret string = ''

@description('Fewest replicas. Two keep the bot answering through a restart or a zone failure.')
@minValue(1)
param minReplicas int = 2

@description('Most replicas the HTTP scale rule may start.')
@minValue(1)
param maxReplicas int = 10

@description('Azure Cache for Redis tier (Basic has no replication; Standard has a replica and an SLA).')
@allowed([
  'Basic'
  'Standard'
])
param redisSku string = 'Standard'

var usesManagedIdentity = msaAppType == 'UserAssignedMSI'
var appName = '${name}-app'

var registrySecrets = empty(containerRegistryServer) ? [] : [
  {
    name: 'registry-password'
    value: containerRegistryPassword
  }
]
var passwordSecrets = usesManagedIdentity ? [] : [
  {
    name: 'msa-app-password'
    value: msaAppPassword
  }
]
var directLineSecrets = empty(directLineSecret) ? [] : [
  {
    name: 'directline-secret'
    value: directLineSecret
  }
]
var passwordEnv = usesManagedIdentity ? [] : [
  {
    name: 'MicrosoftAppPassword'
    secretRef: 'msa-app-password'
  }
]
var directLineEnv = empty(directLineSecret) ? [] : [
  {
    name: 'DirectLine__AzureSecret'
    secretRef: 'directline-secret'
  }
]

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${name}-logs'
  location: location
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 30
  }
}

resource environment 'Microsoft.App/managedEnvironments@2024-03-01' = {
  name: '${name}-env'
  location: location
  properties: {
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: {
        customerId: logs.properties.customerId
        sharedKey: logs.listKeys().primarySharedKey
      }
    }
  }
}

resource redis 'Microsoft.Cache/redis@2024-03-01' = {
  name: '${name}-redis-${uniqueString(resourceGroup().id)}'
  location: location
  properties: {
    sku: {
      name: redisSku
      family: 'C'
      capacity: 0
    }
    enableNonSslPort: false
    minimumTlsVersion: '1.2'
  }
}

resource app 'Microsoft.App/containerApps@2024-03-01' = {
  name: appName
  location: location
  identity: usesManagedIdentity ? {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${msaAppMSIResourceId}': {}
    }
  } : {
    type: 'None'
  }
  properties: {
    managedEnvironmentId: environment.id
    configuration: {
      activeRevisionsMode: 'Single'
      // Envoy in front of the app terminates TLS and passes WebSockets (Direct Line streams) through. No session
      // affinity: any replica serves any conversation, through Redis.
      ingress: {
        external: true
        targetPort: 8080
        transport: 'auto'
        allowInsecure: false
      }
      secrets: concat(passwordSecrets, directLineSecrets, registrySecrets, [
        {
          name: 'redis-connection'
          value: '${redis.properties.hostName}:${redis.properties.sslPort},password=${redis.listKeys().primaryKey},ssl=True,abortConnect=False'
        }
      ])
      registries: empty(containerRegistryServer) ? [] : [
        {
          server: containerRegistryServer
          username: containerRegistryUsername
          passwordSecretRef: 'registry-password'
        }
      ]
    }
    template: {
      containers: [
        {
          name: 'supportbot'
          image: containerImage
          resources: {
            cpu: json('0.5')
            memory: '1Gi'
          }
          env: concat(passwordEnv, directLineEnv, [
            {
              name: 'MicrosoftAppType'
              value: msaAppType
            }
            {
              name: 'MicrosoftAppId'
              value: msaAppId
            }
            {
              name: 'MicrosoftAppTenantId'
              value: msaAppTenantId
            }
            {
              name: 'Storage__Provider'
              value: 'redis'
            }
            {
              name: 'Storage__ConnectionString'
              secretRef: 'redis-connection'
            }
            {
              // The client's address (per-client token limits) and https scheme come from Envoy's headers.
              name: 'ASPNETCORE_FORWARDEDHEADERS_ENABLED'
              value: 'true'
            }
          ])
          probes: [
            {
              // Container Apps allows at most 10 failures: 10 × 3 s for the process to start.
              type: 'Startup'
              httpGet: {
                path: '/healthz'
                port: 8080
              }
              periodSeconds: 3
              failureThreshold: 10
            }
            {
              type: 'Readiness'
              httpGet: {
                path: '/readyz'
                port: 8080
              }
              periodSeconds: 5
              failureThreshold: 2
            }
            {
              type: 'Liveness'
              httpGet: {
                path: '/healthz'
                port: 8080
              }
              periodSeconds: 10
              failureThreshold: 3
            }
          ]
        }
      ]
      scale: {
        minReplicas: minReplicas
        maxReplicas: maxReplicas
        rules: [
          {
            name: 'http-requests'
            http: {
              metadata: {
                concurrentRequests: '50'
              }
            }
          }
        ]
      }
    }
  }
}

var messagingEndpoint = 'https://${app.properties.configuration.ingress.fqdn}/api/messages'

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: name
  location: 'global'
  kind: 'azurebot'
  sku: {
    name: botSku
  }
  properties: {
    displayName: 'SupportBot'
    description: 'Answers questions about Kaspersky\'s 2024 exit from the US, with sources.'
    endpoint: messagingEndpoint
    msaAppId: msaAppId
    msaAppType: msaAppType
    msaAppTenantId: msaAppType == 'MultiTenant' ? '' : msaAppTenantId
    msaAppMSIResourceId: usesManagedIdentity ? msaAppMSIResourceId : ''
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

resource directLine 'Microsoft.BotService/botServices/channels@2022-09-15' = {
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

resource webChat 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'WebChatChannel'
  location: 'global'
  properties: {
    channelName: 'WebChatChannel'
    properties: {
      sites: [
        {
          siteName: 'Default Site'
          isEnabled: true
          isWebchatPreviewEnabled: true
        }
      ]
    }
  }
}

@description('The messaging endpoint set on the Azure Bot resource.')
output messagingEndpoint string = messagingEndpoint

@description('The customer chat page; /embed.js below it is the one-line embed for other sites.')
output chatUrl string = 'https://${app.properties.configuration.ingress.fqdn}/'

@description('The Azure Bot resource\'s name (for az bot commands).')
output botName string = bot.name

@description('The Container App\'s name (for az containerapp commands).')
output containerAppName string = app.name
