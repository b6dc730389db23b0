using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.Clouds;
using PartnerPortal.Domain.Customers;
using PartnerPortal.Domain.Partners;
using PartnerPortal.Web.Data;
using PartnerPortal.Web.Localization;
using PartnerPortal.Web.Tenancy;

namespace PartnerPortal.Web.Pages;

public class IndexModel(PortalDbContext db, ITenant tenant, Features.Onboarding.OnboardingReads onboarding, Features.Onboarding.AccessHealth health, Features.AdminRelationships.BulkChanges bulk) : PageModel
{
    public Partner? Partner { get; private set; }
    public Customer? Customer { get; private set; }
    public string CloudLabel { get; private set; } = string.Empty;
    public string KindLabel { get; private set; } = string.Empty;
    public string CountryName { get; private set; } = string.Empty;

    /// <summary>Onboardings in progress and failed (issue 19), for the partner's admin staff.</summary>
    public (int InProgress, int Failed)? Onboarding { get; private set; }

    /// <summary>Bulk changes on Admin relationships still running, with their progress.</summary>
    public IReadOnlyList<Features.AdminRelationships.BulkChangeProgress> BulkChanges { get; private set; } = [];

    /// <summary>How many things need a person on Access health.</summary>
    public int? HealthProblems { get; private set; }

    public async Task OnGetAsync()
    {
        if (tenant.PartnerId is { } partnerId)
        {
            Partner = await db.Partners.AsNoTracking().SingleAsync(p => p.Id == partnerId);
            CloudLabel = CloudPolicies.For(Partner.Cloud).DisplayName;
            KindLabel = Labels.For(Partner.Kind);
            CountryName = CountryNames.Display(Partner.Country);
            if (Infrastructure.UserExtensions.Has(User, Domain.Access.Permission.ManageAdminRelationships))
            {
                Onboarding = await onboarding.TotalsAsync();
                BulkChanges = await bulk.RunningAsync();
                HealthProblems = (await health.ReadAsync(null, null, take: 0)).Counts.Values.Sum();
            }
        }
        else if (tenant.CustomerId is { } customerId)
        {
            Customer = await db.Customers.AsNoTracking().SingleAsync(c => c.Id == customerId);
            CloudLabel = CloudPolicies.For(Customer.Cloud).DisplayName;
        }
    }
}
