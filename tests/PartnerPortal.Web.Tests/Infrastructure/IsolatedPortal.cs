namespace PartnerPortal.Web.Tests.Infrastructure;

/// <summary>
/// A portal with settings of its own (multi-factor required, low throttles, a public address) on its own copy of the demo
/// database, for a test class: derive from it instead of sharing <see cref="PortalFixture"/>'s default settings.
/// </summary>
public abstract class IsolatedPortal(IDictionary<string, string?> settings) : IAsyncLifetime
{
    private PortalFactory? _factory;

    public PortalFactory Factory => _factory ?? throw new InvalidOperationException("Not initialized.");

    /// <summary>The database's connection string, for tests that need another pool or a direct connection.</summary>
    protected virtual string ConnectionString(string created) => created;

    public async Task InitializeAsync() => _factory = new PortalFactory(ConnectionString(await TestDatabase.CreateAsync()), settings: settings);

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await TestDatabase.DropAsync(Factory.ConnectionString);
    }
}
