using PartnerPortal.Web.Data;

namespace PartnerPortal.Web.Tests.Infrastructure;

/// <summary>
/// Gives a test class its own database (a copy of the demo state) and a portal on it. xunit creates one fixture per class.
/// </summary>
public sealed class PortalFixture : IAsyncLifetime
{
    private PortalFactory? _factory;

    public PortalFactory Factory => _factory ?? throw new InvalidOperationException("Not initialized.");

    public async Task InitializeAsync()
    {
        var connectionString = await TestDatabase.CreateAsync();
        _factory = new PortalFactory(connectionString);
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
            await TestDatabase.DropAsync(_factory.ConnectionString);
        }
    }

    public PortalClient NewClient(string? culture = null) => new(Factory, culture);

    /// <summary>Unscoped access for arranging and checking data behind the pages.</summary>
    public PortalDbContext Db() => TestDatabase.OpenSystemContext(Factory.ConnectionString);
}
