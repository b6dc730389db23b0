using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using PartnerPortal.Web.Tenancy;

namespace PartnerPortal.Web.Data;

public enum TenantKind
{
    /// <summary>Start-up work and named cross-organization lookups: no filters.</summary>
    System,

    /// <summary>Partner staff: rows of their partner and customers they have a relationship with.</summary>
    Partner,

    /// <summary>A customer's admin, or nobody signed in: rows of that customer (of no customer when anonymous).</summary>
    Customer,
}

/// <summary>
/// EF builds and caches one model per kind of tenant, so each carries only the filters that apply to it. A single model with
/// "partner OR customer OR system" conditions made PostgreSQL give up its semi-join plans (the Customers page took 100+ ms at
/// 100,000 customers; see benchmarks/customers-page.sh).
/// </summary>
public sealed class TenantModelCacheKeyFactory : IModelCacheKeyFactory
{
    public static TenantKind KindOf(ITenant tenant) =>
        tenant.IsSystem ? TenantKind.System : tenant.PartnerId is not null ? TenantKind.Partner : TenantKind.Customer;

    public object Create(DbContext context, bool designTime) =>
        context is PortalDbContext portal ? (context.GetType(), portal.TenantKind, designTime) : (context.GetType(), designTime);
}
