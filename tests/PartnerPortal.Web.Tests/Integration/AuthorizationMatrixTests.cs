using System.Net;
using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Domain.Access;
using PartnerPortal.Domain.AdminRelationships;
using PartnerPortal.Domain.Invitations;
using PartnerPortal.Web.Tests.Infrastructure;
using static PartnerPortal.Web.Tests.Infrastructure.Flows;

namespace PartnerPortal.Web.Tests.Integration;

/// <summary>
/// Every page and POST handler × every role × the user's own and another organization's ids. The cells come from the pages
/// themselves (page models found by reflection, their policies, their route templates) and the role permission table, so a
/// new page is covered without editing this test; a new page with an id in its route must say here whose id is whose.
/// </summary>
public class AuthorizationMatrixTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    /// <summary>
    /// What each page requires, written down independently of the pages' own attributes (a page that loses its policy must
    /// fail here). Null: any signed-in user. A page missing from this table fails the test until someone decides.
    /// </summary>
    private static readonly Dictionary<string, Permission?> Requires = new()
    {
        ["/Index"] = null,
        ["/Account/AccessDenied"] = null,
        ["/Account/ChangePassword"] = null,
        ["/Account/Mfa"] = null,
        ["/Partnerships/Accept"] = null,
        ["/AuditLog/Index"] = Permission.ViewAuditLog,
        ["/Invitations/Index"] = Permission.ViewInvitations,
        ["/Invitations/Draft"] = Permission.RequestResellerRelationship,
        ["/Customers/Index"] = Permission.ViewCustomers,
        ["/Customers/Subscriptions"] = Permission.ViewCustomers,
        ["/Customers/Record"] = Permission.ViewCustomers,
        ["/Customers/Remove"] = Permission.RemoveCustomerRelationship,
        ["/Customers/AddSubscription"] = Permission.ManageSubscriptions,
        ["/Customers/RequestRelationship"] = Permission.RequestResellerRelationship,
        ["/Subscriptions/Details"] = Permission.ManageSubscriptions,
        ["/IndirectResellers/Index"] = Permission.ManageIndirectResellers,
        ["/IndirectResellers/Remove"] = Permission.RemovePartnership,
        ["/IndirectResellers/AddCustomer"] = Permission.AddCustomerForReseller,
        ["/IndirectProviders/Index"] = Permission.ManageIndirectResellers,
        ["/Users/Index"] = Permission.ManageUsers,
        ["/Users/Create"] = Permission.ManageUsers,
        ["/Users/Edit"] = Permission.ManageUsers,
        ["/AdminCenter/PartnerRelationships"] = Permission.ManagePartnerRelationships,
        ["/MicrosoftSignIn/Index"] = Permission.ManageMicrosoftSignIn,
        ["/AdminRelationships/Index"] = Permission.ManageAdminRelationships,
        ["/AdminRelationships/Request"] = Permission.ManageAdminRelationships,
        ["/AdminRelationships/Draft"] = Permission.ManageAdminRelationships,
        ["/AdminRelationships/Details"] = Permission.ManageAdminRelationships,
        ["/SecurityGroups/Index"] = Permission.ManageSecurityGroups,
        ["/SecurityGroups/Details"] = Permission.ManageSecurityGroups,
        ["/ApiApplications/Index"] = Permission.ManageApiApplications,
        ["/AccessTemplates/Index"] = Permission.ViewAccessTemplates,
        ["/AccessTemplates/Edit"] = Permission.ManageAdminRelationships,
        ["/Onboarding/Index"] = Permission.ManageAdminRelationships,
        ["/Onboarding/Batch"] = Permission.ManageAdminRelationships,
        ["/AdminRelationships/Changes"] = Permission.ManageAdminRelationships,
        ["/AccessHealth/Index"] = Permission.ManageAdminRelationships,
    };

    /// <summary>Pages anyone may open, signed in or not.</summary>
    private static readonly HashSet<string> Public = ["/Error", "/StatusCode", "/Language", "/Account/SignIn", "/Account/SignInCode", "/Account/SignOut", "/Account/Microsoft", "/AdminCenter/Invitation", "/AdminCenter/CreateOrganization", "/AdminCenter/AdminRelationship"];

    /// <summary>Pages whose route id is a capability in itself (an invitation code), or not an organization's data.</summary>
    private static readonly HashSet<string> NotOrganizationData = ["/AdminCenter/Invitation", "/AdminCenter/AdminRelationship", "/AdminCenter/CreateOrganization", "/Partnerships/Accept", "/StatusCode"];

    /// <summary>Posting these would end the test's own session or change its language, not organization data.</summary>
    private static readonly HashSet<string> NotPosted = ["/Account/SignOut", "/Account/SignIn", "/Account/ChangePassword", "/Account/Mfa", "/Language"];

    private sealed record PageCell(string Path, string Template, bool Anonymous, IReadOnlyList<string> PostHandlers);

    private static string PathOf(Type model) =>
        model.Namespace!["PartnerPortal.Web.Pages".Length..].Replace('.', '/') + "/" + model.Name[..^"Model".Length];

    private List<PageCell> DiscoverPages()
    {
        var templates = portal.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Endpoint: e, Page: e.Metadata.GetMetadata<PageActionDescriptor>()))
            .Where(x => x.Page is not null)
            .GroupBy(x => x.Page!.ViewEnginePath)
            .ToDictionary(g => g.Key, g => g.First().Endpoint.RoutePattern.RawText ?? string.Empty);
        return typeof(Program).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(PageModel)) && !t.IsAbstract)
            .Select(t => new PageCell(
                PathOf(t),
                templates.GetValueOrDefault(PathOf(t)) ?? throw new InvalidOperationException($"No route for {t.Name}"),
                t.GetCustomAttribute<AllowAnonymousAttribute>() is not null,
                t.GetMethods().Where(m => m.Name.StartsWith("OnPost", StringComparison.Ordinal)).Select(m => m.Name["OnPost".Length..].Replace("Async", string.Empty, StringComparison.Ordinal)).Distinct().ToList()))
            .OrderBy(p => p.Path, StringComparer.Ordinal)
            .ToList();
    }

    private static bool RoleAllows(string role, Permission? permission) =>
        permission is not { } needed || RolePermissions.Allows([role], needed);

    /// <summary>For each page with an id: one the signed-in partner (Fabrikam) may reach, and one of another organization.</summary>
    private async Task<Dictionary<string, (Guid Own, Guid Other)>> IdsAsync()
    {
        await using var db = portal.Db();
        var relecloud = await db.Customers.SingleAsync(c => c.Domain.StartsWith("relecloud."));
        var adatum = await db.Customers.SingleAsync(c => c.Domain.StartsWith("adatum."));
        var fabrikam = await db.Partners.SingleAsync(p => p.MpnId == "2000001");
        var contoso = await db.Partners.SingleAsync(p => p.MpnId == "1000001");
        var ownLink = new InvitationLink(InvitationKind.ResellerRelationship, fabrikam.Id, false, null, DateTimeOffset.UtcNow);
        var otherLink = new InvitationLink(InvitationKind.ResellerRelationship, contoso.Id, false, null, DateTimeOffset.UtcNow);
        db.InvitationLinks.AddRange(ownLink, otherLink);
        var ownRelationship = AdminRelationship.Request(fabrikam.Id, fabrikam.DisplayName, fabrikam.Cloud, "Fabrikam support", 30, [EntraRoles.All[0].Id], false, null, null, DateTimeOffset.UtcNow).Value;
        ownRelationship.LockForApproval(DateTimeOffset.UtcNow);
        var ownGroup = SecurityGroup.Create(fabrikam.Id, "Fabrikam support", null, DateTimeOffset.UtcNow).Value;
        db.AdminRelationships.Add(ownRelationship);
        db.SecurityGroups.Add(ownGroup);
        var ownTemplate = Domain.Onboarding.AccessTemplate.Create(fabrikam.Id, "Fabrikam template", null, 30, false, [new(ownGroup.Id, [EntraRoles.All[0].Id])], DateTimeOffset.UtcNow).Value;
        var otherTemplate = Domain.Onboarding.AccessTemplate.Create(contoso.Id, "Contoso template", null, 30, false, [new(await db.SecurityGroups.Where(g => g.PartnerId == contoso.Id).Select(g => g.Id).FirstAsync(), [EntraRoles.All[0].Id])], DateTimeOffset.UtcNow).Value;
        db.AccessTemplates.AddRange(ownTemplate, otherTemplate);
        var ownBatch = new Domain.Onboarding.OnboardingBatch(fabrikam.Id, ownTemplate, "test", "http://localhost", 0, DateTimeOffset.UtcNow);
        var otherBatch = new Domain.Onboarding.OnboardingBatch(contoso.Id, otherTemplate, "test", "http://localhost", 0, DateTimeOffset.UtcNow);
        db.OnboardingBatches.AddRange(ownBatch, otherBatch);
        var ownChange = new AdminRelationshipBulkChange(fabrikam.Id, BulkChangeKind.AutoExtendOff, "test", 0, DateTimeOffset.UtcNow);
        var otherChange = new AdminRelationshipBulkChange(contoso.Id, BulkChangeKind.AutoExtendOff, "test", 0, DateTimeOffset.UtcNow);
        db.AdminRelationshipBulkChanges.AddRange(ownChange, otherChange);
        await db.SaveChangesAsync();
        var otherRelationship = await db.AdminRelationships.Where(r => r.PartnerId == contoso.Id && r.Status == AdminRelationshipStatus.ApprovalPending).Select(r => r.Id).FirstAsync();
        var otherGroup = await db.SecurityGroups.Where(g => g.PartnerId == contoso.Id).Select(g => g.Id).FirstAsync();
        return new()
        {
            ["/Customers/AddSubscription"] = (relecloud.Id, adatum.Id),
            ["/Customers/Remove"] = (relecloud.Id, adatum.Id),
            ["/Customers/Subscriptions"] = (relecloud.Id, adatum.Id),
            ["/Customers/Record"] = (relecloud.Id, adatum.Id),
            ["/Subscriptions/Details"] = (
                await db.Subscriptions.Where(s => s.CustomerId == relecloud.Id).Select(s => s.Id).FirstAsync(),
                await db.Subscriptions.Where(s => s.CustomerId == adatum.Id).Select(s => s.Id).FirstAsync()),
            ["/IndirectResellers/Remove"] = (
                (await db.Partners.SingleAsync(p => p.MpnId == "3000001")).Id,
                (await db.Partners.SingleAsync(p => p.MpnId == "3000003")).Id),
            ["/Invitations/Draft"] = (ownLink.Id, otherLink.Id),
            ["/AdminRelationships/Draft"] = (ownRelationship.Id, otherRelationship),
            ["/AdminRelationships/Details"] = (ownRelationship.Id, otherRelationship),
            ["/SecurityGroups/Details"] = (ownGroup.Id, otherGroup),
            ["/AccessTemplates/Edit"] = (ownTemplate.Id, otherTemplate.Id),
            ["/Onboarding/Batch"] = (ownBatch.Id, otherBatch.Id),
            ["/AdminRelationships/Changes"] = (ownChange.Id, otherChange.Id),
            ["/Users/Edit"] = (
                (await db.Users.SingleAsync(u => u.Email == Partner("fabrikam", PartnerRole.SalesAgent))).Id,
                (await db.Users.SingleAsync(u => u.Email == Partner("contoso", PartnerRole.SalesAgent))).Id),
        };
    }

    private async Task<string> StateAsync()
    {
        await using var db = portal.Db();
        return string.Join(" ", [
            await db.AuditEntries.CountAsync(),
            await db.Subscriptions.SumAsync(s => s.Quantity),
            await db.CustomerRelationships.CountAsync(r => r.RemovedAt == null),
            await db.DelegatedAdminGrants.CountAsync(g => g.RevokedAt == null),
            await db.ResellerPartnerships.CountAsync(p => p.RemovedAt == null),
            await db.UserRoles.CountAsync(),
            await db.SentInvitations.CountAsync(),
            await db.AdminRelationships.CountAsync(r => r.Status == AdminRelationshipStatus.Active || r.AutoExtend),
            await db.AccessAssignments.CountAsync(a => a.RemovedAt == null),
            await db.GroupMembers.CountAsync(),
            await db.SecurityGroups.CountAsync(),
            await db.ApiApplications.CountAsync(a => a.RevokedAt == null),
            await db.AccessTemplates.CountAsync(),
            await db.Onboardings.CountAsync(),
            await db.OnboardingBatches.CountAsync()]);
    }

    [Fact]
    public async Task No_role_reaches_a_page_or_handler_the_role_table_or_tenant_isolation_forbids()
    {
        var pages = DiscoverPages();
        var ids = await IdsAsync();
        var unclassified = pages.Where(p => p.Template.Contains('{', StringComparison.Ordinal) && !ids.ContainsKey(p.Path) && !NotOrganizationData.Contains(p.Path)).Select(p => p.Path).ToList();
        Assert.True(unclassified.Count == 0, "Say whose ids these pages take: " + string.Join(", ", unclassified));
        var undecided = pages.Where(p => !Requires.ContainsKey(p.Path) && !Public.Contains(p.Path)).Select(p => p.Path).ToList();
        Assert.True(undecided.Count == 0, "Say what these pages require: " + string.Join(", ", undecided));
        Assert.All(pages.Where(p => Public.Contains(p.Path)), p => Assert.True(p.Anonymous, $"{p.Path} is listed as public but requires sign-in"));
        Assert.All(pages.Where(p => Requires.ContainsKey(p.Path)), p => Assert.False(p.Anonymous, $"{p.Path} requires sign-in but allows anonymous visitors"));

        var violations = new List<string>();
        var cells = 0;
        var users = PartnerRole.All.Select(r => (Role: r, Email: Partner("fabrikam", r))).Append((Role: CustomerRole.CustomerAdmin, Email: CustomerAdmin("adatum")));
        foreach (var (role, email) in users)
        {
            using var client = portal.NewClient();
            var home = await client.SignInAsync(email);
            foreach (var page in pages.Where(p => Requires.ContainsKey(p.Path) && !NotOrganizationData.Contains(p.Path)))
            {
                var required = Requires[page.Path];
                var allowed = RoleAllows(role, required);
                var hasId = ids.TryGetValue(page.Path, out var pair);
                var own = hasId ? $"{page.Path}/{pair.Own}" : page.Path;
                var gotOwn = await client.GetAsync(own);
                cells++;
                if (!allowed && gotOwn.Url.AbsolutePath != "/Account/AccessDenied" && gotOwn.Status != HttpStatusCode.NotFound)
                {
                    violations.Add($"{role} GET {own}: {gotOwn.Status} {gotOwn.Url.AbsolutePath}, but the role table does not allow {required}");
                }

                if (hasId)
                {
                    var other = $"{page.Path}/{pair.Other}";
                    var gotOther = await client.GetAsync(other);
                    cells++;
                    if (gotOther.Status != HttpStatusCode.NotFound && gotOther.Url.AbsolutePath != "/Account/AccessDenied")
                    {
                        violations.Add($"{role} GET {other} (another organization's): {gotOther.Status}");
                    }
                }

                if (NotPosted.Contains(page.Path) || (allowed && !hasId))
                {
                    continue;
                }

                foreach (var handler in page.PostHandlers)
                {
                    var target = (hasId ? $"{page.Path}/{pair.Other}" : page.Path) + (handler.Length > 0 ? $"?handler={handler}" : string.Empty);
                    var before = await StateAsync();
                    var posted = await client.PostRawAsync(home, target, new Dictionary<string, string> { ["Input.Quantity"] = "1", ["Roles"] = PartnerRole.GlobalAdmin });
                    cells++;
                    if (posted.Status != HttpStatusCode.NotFound && posted.Url.AbsolutePath != "/Account/AccessDenied")
                    {
                        violations.Add($"{role} POST {target}: {posted.Status} {posted.Url.AbsolutePath}");
                    }

                    if (await StateAsync() != before)
                    {
                        violations.Add($"{role} POST {target} changed data");
                    }
                }
            }
        }

        Assert.True(cells > 150, $"Only {cells} cells were checked.");
        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }
}
