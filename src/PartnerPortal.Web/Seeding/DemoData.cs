using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.Access;
using PartnerPortal.Domain.Catalog;
using PartnerPortal.Domain.Customers;
using PartnerPortal.Domain.Partners;
using PartnerPortal.Web.Data;
using PartnerPortal.Web.Identity;
using PartnerPortal.Web.Tenancy;

namespace PartnerPortal.Web.Seeding;

public sealed class DemoDataOptions
{
    public const string Section = "DemoData";

    /// <summary>Load the demo organizations at start-up (idempotent).</summary>
    public bool Load { get; set; }
}

/// <summary>Loads <see cref="DemoDirectory"/> once: a second run finds the first partner and does nothing.</summary>
public sealed class DemoData(
    DbContextOptions<PortalDbContext> dbOptions,
    UserManager<ApplicationUser> users,
    RoleManager<IdentityRole<Guid>> roles,
    TimeProvider clock,
    ILogger<DemoData> logger)
{
    public async Task LoadAsync(CancellationToken ct = default)
    {
        await EnsureRolesAsync();
        await using var db = new PortalDbContext(dbOptions, SystemTenant.Instance);
        var firstMpn = DemoDirectory.Partners[0].MpnId;
        if (await db.Partners.AnyAsync(p => p.MpnId == firstMpn, ct))
        {
            logger.LogInformation("Demo data already loaded");
            await DemoAdminRelationships.LoadAsync(db, clock.GetUtcNow(), ct);
            return;
        }

        var now = clock.GetUtcNow();
        var partners = DemoDirectory.Partners.ToDictionary(
            p => p.Slug,
            p => new Partner(p.Name, p.Kind, p.Country, p.Cloud, p.MpnId, p.AcceptedPartnerAgreement));
        db.Partners.AddRange(partners.Values);
        var partnerships = DemoDirectory.Partnerships.Select(p => ResellerPartnership.Establish(partners[p.Provider], partners[p.Reseller], now.AddDays(-90)).Value).ToList();
        db.ResellerPartnerships.AddRange(partnerships);

        var offers = DemoDirectory.Offers.Select(o => new Offer(o.Cloud, o.Name, o.Billing, o.MaxQuantity)).ToList();
        db.Offers.AddRange(offers);

        var customers = new List<(DemoDirectory.DemoCustomer Demo, Customer Entity)>();
        foreach (var demo in DemoDirectory.Customers)
        {
            var customer = Customer.Create(
                demo.Name,
                demo.DomainPrefix,
                demo.Country,
                demo.Cloud,
                new Address("1 Main Street", null, demo.City, null, "10001"),
                new PrimaryContact("IT Department", DemoDirectory.CustomerAdminEmail(demo), "+1 555 0100"),
                now.AddDays(-60)).Value;
            if (demo.AcceptedAgreement)
            {
                customer.AcceptCustomerAgreement(DemoDirectory.CustomerAdminEmail(demo), now.AddDays(-60));
            }

            if (demo.PartnerSlug is { } slug)
            {
                var partner = partners[slug];
                var reseller = demo.ResellerSlug is { } resellerSlug ? partners[resellerSlug] : null;
                var partnership = partnerships.FirstOrDefault(p => reseller is not null && p.Links(partner.Id, reseller.Id));
                var related = reseller is null
                    ? customer.AcceptResellerRelationship(partner, partner, demo.DelegatedAdmin, new HashSet<Domain.Relationships.DelegatedAdminService>(), now.AddDays(-30))
                    : (Domain.Common.Result)customer.EstablishForReseller(partner, reseller, partnership, now.AddDays(-30));
                if (!related.Succeeded)
                {
                    throw new InvalidOperationException($"Demo customer {demo.Name}: {related.Error}");
                }

                var offer = offers.First(o => o.Cloud == demo.Cloud);
                db.Subscriptions.Add(Subscription.Create(customer, partner, offer, 25, reseller, partnership, now.AddDays(-29)).Value);
            }

            db.Customers.Add(customer);
            customers.Add((demo, customer));
        }

        await db.SaveChangesAsync(ct);

        foreach (var demo in DemoDirectory.Partners)
        {
            foreach (var role in PartnerRole.All)
            {
                await CreateUserAsync(DemoDirectory.PartnerUserEmail(demo.Slug, role), $"{PartnerRole.DisplayName(role)}, {demo.Name}", role, u => u.PartnerId = partners[demo.Slug].Id);
            }
        }

        foreach (var (demo, entity) in customers)
        {
            await CreateUserAsync(DemoDirectory.CustomerAdminEmail(demo), $"Admin, {demo.Name}", CustomerRole.CustomerAdmin, u => u.CustomerId = entity.Id);
        }

        await DemoAdminRelationships.LoadAsync(db, now, ct);
        logger.LogInformation("Demo data loaded: {Partners} partners, {Customers} customers", partners.Count, customers.Count);
    }

    public async Task EnsureRolesAsync()
    {
        foreach (var role in PartnerRole.All.Append(CustomerRole.CustomerAdmin))
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole<Guid>(role));
            }
        }
    }

    private async Task CreateUserAsync(string email, string displayName, string role, Action<ApplicationUser> organization)
    {
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName };
        organization(user);
        // The demo password is published, so the password rules refuse it; demo accounts get its hash directly.
        user.PasswordHash = users.PasswordHasher.HashPassword(user, DemoDirectory.Password);
        var created = await users.CreateAsync(user);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException($"Demo user {email}: {string.Join("; ", created.Errors.Select(e => e.Description))}");
        }

        await users.AddToRoleAsync(user, role);
    }
}
