namespace OneDay.Config.Tests.Validation;

/// <summary>
/// The component types OneDay uses and the ones its operators swap in, with what each accepts.
/// Written from dapr/components-contrib at tag v1.16.13 (the version dapr 1.16 pins): each entry names the
/// metadata.yaml it was taken from; the built-in Azure AD and AWS profiles are expanded the way
/// .build-tools/pkg/metadataschema/builtin-authentication-profiles.go expands
/// .build-tools/builtin-authentication-profiles.yaml (the entry's own fields first, then the profile's).
/// </summary>
internal static class DaprComponentCatalog
{
    public static IReadOnlyList<ComponentSchema> All { get; } =
    [
        new("pubsub.redis", "v1", "pubsub/redis/metadata.yaml",
            [
                .. Required("redisHost"),
                .. Optional("consumerID", "enableTLS", "clientCert", "clientKey", "redeliverInterval", "processingTimeout",
                    "queueDepth", "concurrency", "redisType", "redisDB", "redisMaxRetries", "redisMinRetryInterval",
                    "redisMaxRetryInterval", "dialTimeout", "readTimeout", "writeTimeout", "poolSize", "poolTimeout",
                    "maxConnAge", "minIdleConns", "idleCheckFrequency", "idleTimeout", "failover", "sentinelMasterName",
                    "maxLenApprox", "streamTTL"),
            ],
            RedisAuthentication(),
            ["ttl"]),

        new("pubsub.rabbitmq", "v1", "pubsub/rabbitmq/metadata.yaml",
            Optional("durable", "publisherConfirm", "maxLen", "maxLenBytes", "concurrency", "enableDeadLetter",
                "prefetchCount", "exchangeKind", "deliveryMode", "autoAck", "deletedWhenUnused", "requeueInFailure",
                "reconnectWaitSeconds", "ttlInSeconds", "clientName", "heartBeat", "publishMessagePropertiesToMetadata"),
            [
                new("Connection string", Required("connectionString")),
                new("Authenticate Using RabbitMQ properties", Optional("hostname", "protocol", "username", "password")),
                new("Authenticate Using Connection string and External Sasl and TLS",
                    [.. Required("connectionString", "caCert", "clientCert", "clientKey"), .. Optional("saslExternal")]),
            ],
            ["ttl"]),

        new("pubsub.in-memory", "v1", "pubsub/in-memory/metadata.yaml", [], [], []),

        new("state.redis", "v1", "state/redis/metadata.yaml",
            [
                .. Required("redisHost"),
                .. Optional("enableTLS", "clientCert", "clientKey", "failover", "sentinelMasterName", "redeliverInterval",
                    "processingTimeout", "redisType", "redisDB", "redisMaxRetries", "redisMinRetryInterval",
                    "redisMaxRetryInterval", "dialTimeout", "readTimeout", "writeTimeout", "poolSize", "poolTimeout",
                    "maxConnAge", "minIdleConns", "idleCheckFrequency", "idleTimeout", "ttlInSeconds", "queryIndexes"),
            ],
            RedisAuthentication(),
            ["actorStateStore", "crud", "transactional", "etag", "query"]),

        PostgreSql("v1", "tableName", ["actorStateStore", "crud", "transactional", "etag", "query", "ttl"]),
        PostgreSql("v2", "tablePrefix", ["actorStateStore", "crud", "transactional", "etag", "ttl"]),

        new("secretstores.local.file", "v1", "secretstores/local/file/metadata.yaml",
            [.. Required("secretsFile"), .. Optional("nestedSeparator", "multiValued")], [], []),

        new("secretstores.kubernetes", "v1", "secretstores/kubernetes/metadata.yaml", [], [], []),

        // metadata.yaml marks fileName required, but the component reads only rootPath: fileName is
        // metadata of each `create` request (docs: supported-bindings/localstorage), so a Component need not set it.
        new("bindings.localstorage", "v1", "bindings/localstorage/metadata.yaml",
            [.. Required("rootPath"), .. Optional("fileName")], [], []),

        new("bindings.smtp", "v1", "bindings/smtp/metadata.yaml",
            [
                .. Required("host", "emailFrom", "emailTo", "subject"),
                .. Optional("port", "emailCC", "emailBCC", "priority", "skipTLSVerify"),
            ],
            [new("User/Password Authentication", Required("user", "password"))],
            []),

        new("bindings.twilio.sms", "v1", "bindings/twilio/sms/metadata.yaml",
            [.. Required("fromNumber", "toNumber"), .. Optional("timeout")],
            [new("Twilio Authentication", Required("accountSid", "authToken"))],
            []),

        new("bindings.http", "v1", "bindings/http/metadata.yaml",
            [
                .. Required("url"),
                .. Optional("responseTimeout", "maxResponseBodySize", "MTLSRootCA", "MTLSClientCert", "MTLSClientKey",
                    "MTLSRenegotiation", "securityToken", "securityTokenHeader", "errorIfNot2XX"),
            ],
            [],
            []),

        new("middleware.http.ratelimit", "v1", "middleware/http/ratelimit/metadata.yaml",
            Required("maxRequestsPerSecond"), [], []),
    ];

    public static IReadOnlyList<ComponentSchema> VersionsOf(string type) =>
        All.Where(schema => schema.Type == type).ToList();

    public static ComponentSchema? Find(string type, string version) =>
        All.SingleOrDefault(schema => schema.Type == type && schema.Version == version);

    private static MetadataField[] Required(params string[] names) => names.Select(name => new MetadataField(name, true)).ToArray();

    private static MetadataField[] Optional(params string[] names) => names.Select(name => new MetadataField(name, false)).ToArray();

    /// <summary>state.redis and pubsub.redis: a username/password profile (nothing required) or Entra ID.</summary>
    private static AuthProfile[] RedisAuthentication() =>
    [
        new("Username and password", Optional("redisUsername", "redisPassword", "sentinelUsername", "sentinelPassword")),
        .. AzureAd([.. Optional("useEntraID"), .. Required("enableTLS")]),
    ];

    /// <summary>state/postgresql/v1 and v2 metadata.yaml differ only in the table key and the query capability.</summary>
    private static ComponentSchema PostgreSql(string version, string tableKey, string[] capabilities) =>
        new("state.postgresql", version, $"state/postgresql/{version}/metadata.yaml",
            Optional("timeout", tableKey, "metadataTableName", "cleanupInterval", "maxConns", "connectionMaxIdleTime",
                "queryExecMode", "host", "hostaddr", "port", "database", "user", "password", "sslRootCert"),
            [
                new("Connection string", Required("connectionString")),
                .. AzureAd(Required("useAzureAD", "connectionString")),
                .. PostgreSqlAwsIam(),
            ],
            capabilities);

    private static AuthProfile[] AzureAd(MetadataField[] entry) =>
    [
        new("Azure AD: Managed identity", [.. entry, .. Optional("azureClientId", "azureEnvironment")]),
        new("Azure AD: Client credentials",
            [.. entry, .. Required("azureTenantId", "azureClientId", "azureClientSecret"), .. Optional("azureEnvironment")]),
        new("Azure AD: Client certificate",
            [
                .. entry, .. Required("azureTenantId", "azureClientId"),
                .. Optional("azureCertificate", "azureCertificateFile", "azureCertificatePassword", "azureEnvironment"),
            ]),
    ];

    /// <summary>
    /// The AWS profiles as expanded for PostgreSQL in 1.16: accessKey/secretKey/region made optional, and the
    /// deprecated aws* fields kept only on the access-key profile (they go away in 1.17).
    /// </summary>
    private static AuthProfile[] PostgreSqlAwsIam()
    {
        MetadataField[] entry = Required("useAWSIAM", "connectionString");
        return
        [
            new("AWS: Access Key ID and Secret Access Key",
                [.. entry, .. Optional("awsAccessKey", "awsSecretKey", "region", "awsRegion", "accessKey", "secretKey", "sessionToken")]),
            new("AWS: Assume IAM Role", [.. entry, .. Required("region"), .. Optional("assumeRoleArn", "sessionName")]),
            new("AWS: Credentials from Environment Variables", entry),
            new("AWS: IAM Roles Anywhere", [.. entry, .. Required("trustAnchorArn", "trustProfileArn", "assumeRoleArn")]),
        ];
    }
}
