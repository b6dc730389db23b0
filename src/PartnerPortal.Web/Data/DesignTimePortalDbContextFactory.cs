using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using PartnerPortal.Web.Tenancy;

namespace PartnerPortal.Web.Data;

/// <summary>
/// What <c>dotnet ef</c> builds to add a migration or check for pending model changes: the unfiltered (system) model, which is
/// the schema. Adding a migration needs no database; the connection string only names one for <c>database update</c>.
/// </summary>
public sealed class DesignTimePortalDbContextFactory : IDesignTimeDbContextFactory<PortalDbContext>
{
    public PortalDbContext CreateDbContext(string[] args)
    {
        var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__Portal")
            ?? "Host=127.0.0.1;Port=5432;Database=partnerportal;Username=partnerportal;Password=partnerportal";
        var options = new DbContextOptionsBuilder<PortalDbContext>();
        PortalDbContext.Configure(options, connectionString);
        return new PortalDbContext(options.Options, SystemTenant.Instance);
    }
}
