using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Domain.AdminRelationships;
using PartnerPortal.Web.Data;
using PartnerPortal.Web.Features.AdminRelationships;
using PartnerPortal.Web.Features.Onboarding;

namespace PartnerPortal.Web.Tests.Infrastructure;

/// <summary>
/// A portal for granular delegated admin tests (issue 10): its own copy of the demo database, a clock the test moves, and a
/// real SMTP server on loopback receiving the request emails and reminders. The background job's own timer is slowed to an
/// hour, so a test runs it when it means to (<see cref="RunJobAsync"/>).
/// </summary>
public class GdapPortal : IAsyncLifetime
{
    private PortalFactory? _factory;
    private SmtpServer? _smtp;

    public MovableClock Clock { get; } = new();

    /// <summary>False for a portal whose outbox should not deliver (thousands of messages a test does not read).</summary>
    protected virtual bool MailReachable => true;

    /// <summary>True for a portal whose job also sends the daily Access health digest.</summary>
    protected virtual bool DigestEnabled => false;

    public PortalFactory Factory => _factory ?? throw new InvalidOperationException("Not initialized.");

    public SmtpServer Smtp => _smtp ?? throw new InvalidOperationException("Not initialized.");

    public async Task InitializeAsync()
    {
        _smtp = await SmtpServer.StartAsync();
        _factory = new PortalFactory(await TestDatabase.CreateAsync(), settings: new Dictionary<string, string?>
        {
            ["Mail:Host"] = "127.0.0.1",
            ["AdminRelationships:JobPollSeconds"] = "3600",
            ["Onboarding:RunInBackground"] = "false",
            ["BulkChanges:RunInBackground"] = "false",
            ["AccessChanges:RunInBackground"] = "false",
            ["HealthDigest:Enabled"] = DigestEnabled ? "true" : "false",
            ["Mail:Port"] = MailReachable ? _smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture) : "9",
        }, clock: Clock);
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await TestDatabase.DropAsync(Factory.ConnectionString);
        await Smtp.DisposeAsync();
    }

    public PortalClient NewClient(string? culture = null) => new(Factory, culture);

    public PortalDbContext Db() => TestDatabase.OpenSystemContext(Factory.ConnectionString);

    /// <summary>Runs the job once to the end, waiting while another run (the host's own, at start) holds the lock.</summary>
    public async Task<AdminRelationshipJobRun> RunJobAsync()
    {
        var job = Factory.Services.GetRequiredService<AdminRelationshipJob>();
        for (var attempt = 0; ; attempt++)
        {
            var run = await job.RunOnceAsync();
            if (run.Ran || attempt == 100)
            {
                return run;
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Runs the bulk change job until no row is queued; the value is how many rows it did.</summary>
    public Task<int> RunBulkChangesAsync() => Factory.Services.GetRequiredService<BulkChangeJob>().RunOnceAsync();

    /// <summary>Another node's bulk change job over the same database.</summary>
    public BulkChangeJob AnotherNodesBulkChangeJob() => ActivatorUtilities.CreateInstance<BulkChangeJob>(Factory.Services);

    /// <summary>Runs the onboarding job until no row has work left.</summary>
    public Task<OnboardingJobRun> RunOnboardingAsync() => Factory.Services.GetRequiredService<OnboardingJob>().RunOnceAsync();

    /// <summary>Another node's onboarding job over the same database.</summary>
    public OnboardingJob AnotherNodesOnboardingJob() => ActivatorUtilities.CreateInstance<OnboardingJob>(Factory.Services);

    /// <summary>Waits until the outbox holds nothing queued: every message the job queued has been delivered (or failed).</summary>
    public async Task OutboxDrainedAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        await using var db = Db();
        while (await db.SentInvitations.AnyAsync(s => s.DeliveryStatus == Domain.Invitations.DeliveryStatus.Queued))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The outbox still holds queued messages.");
            }

            await Task.Delay(100);
        }
    }

    public AdminRelationshipJob AnotherNodesJob() => ActivatorUtilities.CreateInstance<AdminRelationshipJob>(Factory.Services);

    /// <summary>
    /// Arranges <paramref name="count"/> customers of a demo partner, with no admin relationship: "{name} 000", "{name} 001", …
    /// (or <paramref name="name"/> alone for one) at {domainPrefix}000.onmicrosoft.com, … (or {domainPrefix} alone).
    /// </summary>
    public async Task<List<Domain.Customers.Customer>> ArrangeCustomersAsync(string partnerMpn, string name, string domainPrefix, int count = 1)
    {
        await using var db = Db();
        var partner = await db.Partners.SingleAsync(p => p.MpnId == partnerMpn);
        var now = DateTimeOffset.UtcNow;
        var customers = new List<Domain.Customers.Customer>();
        for (var i = 0; i < count; i++)
        {
            var (customerName, prefix) = count == 1 ? (name, domainPrefix) : ($"{name} {i:000}", $"{domainPrefix}{i:000}");
            var customer = Domain.Customers.Customer.Create(customerName, prefix, "US", partner.Cloud, new Domain.Customers.Address("1 Main St", null, "Redmond", "WA", "98052"), new Domain.Customers.PrimaryContact("IT", $"it@{domainPrefix}.example", "+1 425 555 0100"), now).Value;
            customer.AcceptCustomerAgreement("admin", now);
            customer.AcceptResellerRelationship(partner, partner, false, new HashSet<Domain.Relationships.DelegatedAdminService>(), now);
            customers.Add(customer);
        }

        db.Customers.AddRange(customers);
        await db.SaveChangesAsync();
        return customers;
    }

    /// <summary>Arranges an approved relationship of a demo partner with a demo customer, ending <paramref name="endsIn"/> from the clock's now.</summary>
    public async Task<AdminRelationship> ArrangeActiveAsync(string partnerMpn, string customerPrefix, string name, TimeSpan endsIn, bool autoExtend = false, Guid[]? roles = null, int durationDays = 90)
    {
        await using var db = Db();
        var partner = await db.Partners.SingleAsync(p => p.MpnId == partnerMpn);
        var customer = await db.Customers.SingleAsync(c => c.Domain.StartsWith(customerPrefix + "."));
        var approvedAt = Clock.GetUtcNow() + endsIn - TimeSpan.FromDays(durationDays);
        var relationship = AdminRelationship.Request(partner.Id, partner.DisplayName, partner.Cloud, name, durationDays, roles ?? [GdapFlows.Role("Directory Readers")], autoExtend, customer.Id, customer.CompanyName, approvedAt).Value;
        relationship.LockForApproval(approvedAt);
        if (!relationship.Approve(customer.Id, customer.CompanyName, customer.Cloud, approvedAt).Succeeded)
        {
            throw new InvalidOperationException("Could not arrange " + name);
        }

        db.AdminRelationships.Add(relationship);
        await db.SaveChangesAsync();
        return relationship;
    }
}
