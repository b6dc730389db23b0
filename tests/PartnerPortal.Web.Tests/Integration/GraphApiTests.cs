using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;
using PartnerPortal.Domain.Access;
using PartnerPortal.Domain.AdminRelationships;
using PartnerPortal.Web.Features.AdminRelationships;
using PartnerPortal.Web.Tests.Infrastructure;
using static PartnerPortal.Web.Tests.Infrastructure.Flows;
using static PartnerPortal.Web.Tests.Infrastructure.GdapFlows;

namespace PartnerPortal.Web.Tests.Integration;

/// <summary>
/// Issue 12 parts 1 and 3: a Global admin registers an application; it gets a token with the OAuth 2.0 client-credentials
/// grant; Microsoft's own Graph SDK, pointed at the portal, creates, changes, locks for approval, lists, assigns and
/// terminates delegated admin relationships, and each refusal arrives as the SDK's ODataError with a meaningful code.
/// </summary>
public class GraphApiTests(GdapPortal portal) : IClassFixture<GdapPortal>
{
    private sealed record Registration(Guid ClientId, string Secret);

    private async Task<Registration> RegisterAsync(string name, params string[] roles)
    {
        using var admin = portal.NewClient();
        await admin.SignInAsync(Partner("contoso", PartnerRole.GlobalAdmin));
        var page = await admin.GetAsync("/ApiApplications");
        var registered = await admin.SubmitAsync(page, "#register-application", new Dictionary<string, object?>
        {
            ["Name"] = name,
            ["Roles"] = roles,
            ["LifetimeDays"] = "30",
        });
        Assert.Empty(registered.Errors);
        return new Registration(Guid.Parse(registered.Find("[data-testid=client-id]")!.TextContent), registered.Find("[data-testid=client-secret]")!.TextContent);
    }

    private async Task<HttpResponseMessage> TokenResponseAsync(Guid clientId, string secret)
    {
        using var http = portal.Factory.CreateClient();
        return await http.PostAsync("/oauth2/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId.ToString(),
            ["client_secret"] = secret,
        }));
    }

    private async Task<string> TokenAsync(Registration app)
    {
        using var response = await TokenResponseAsync(app.ClientId, app.Secret);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Bearer", body.GetProperty("token_type").GetString());
        Assert.True(body.GetProperty("expires_in").GetInt32() > 0);
        return body.GetProperty("access_token").GetString()!;
    }

    private HttpClient Api(string token)
    {
        var http = portal.Factory.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    /// <summary>Runs the access job (off in the background for this portal) until nothing is pending.</summary>
    private Task<AccessChangeJobRun> ApplyAccessChangesAsync() => portal.Factory.Services.GetRequiredService<AccessChangeJob>().RunOnceAsync();

    private static GraphServiceClient Graph(HttpClient http) => new(http, new AnonymousAuthenticationProvider(), new Uri(http.BaseAddress!, "/v1.0").ToString());

    private async Task<Guid> CustomerIdAsync(string prefix)
    {
        await using var db = portal.Db();
        return await db.Customers.Where(c => c.Domain.StartsWith(prefix + ".")).Select(c => c.Id).SingleAsync();
    }

    /// <summary>Litware's admin approves a relationship locked for approval, through the portal's page behind its link.</summary>
    private async Task LitwareApprovesAsync(string relationshipId)
    {
        await using var db = portal.Db();
        var code = await db.AdminRelationships.Where(r => r.Id == Guid.Parse(relationshipId)).Select(r => r.Code).SingleAsync();
        using var customer = portal.NewClient();
        await customer.SignInAsync(CustomerAdmin("litware"));
        await AnswerAsync(customer, $"/AdminCenter/AdminRelationship/{code}", approve: true);
    }

    /// <summary>A security group of Contoso's, made straight in the database (the pages that make groups have tests of their own).</summary>
    private async Task<Guid> ContosoGroupAsync(string name)
    {
        await using var db = portal.Db();
        var contoso = await db.Partners.SingleAsync(p => p.MpnId == "1000001");
        var made = SecurityGroup.Create(contoso.Id, name, null, DateTimeOffset.UtcNow).Value;
        db.SecurityGroups.Add(made);
        await db.SaveChangesAsync();
        return made.Id;
    }

    private static DelegatedAdminRelationship NewRelationship(string name, Guid? customerId, string duration, bool autoExtend, params string[] roles) => new()
    {
        DisplayName = name,
        Duration = System.Xml.XmlConvert.ToTimeSpan(duration),
        Customer = customerId is { } id ? new DelegatedAdminRelationshipCustomerParticipant { TenantId = id.ToString() } : null,
        AccessDetails = new DelegatedAdminAccessDetails { UnifiedRoles = roles.Select(r => new UnifiedRole { RoleDefinitionId = Role(r).ToString() }).ToList() },
        AutoExtendDuration = autoExtend ? TimeSpan.FromDays(180) : TimeSpan.Zero,
    };

    [Fact]
    public async Task The_Graph_SDK_drives_the_whole_cycle_and_every_refusal_is_an_ODataError_with_a_code()
    {
        var app = await RegisterAsync("Onboarding script", PartnerRole.AdminAgent);
        using var http = Api(await TokenAsync(app));
        var graph = Graph(http);
        var relationships = graph.TenantRelationships.DelegatedAdminRelationships;
        var litware = await CustomerIdAsync("litware");

        // Create (status "created"), then change the name while it is created.
        var created = await relationships.PostAsync(NewRelationship("Litware via API", litware, "P730D", false, "Directory Readers", "User Administrator"));
        Assert.Equal(DelegatedAdminRelationshipStatus.Created, created!.Status);
        Assert.Equal(TimeSpan.FromDays(730), created.Duration);
        Assert.Equal("Litware Inc.", created.Customer!.DisplayName);
        Assert.Equal(2, created.AccessDetails!.UnifiedRoles!.Count);
        var renamed = await relationships[created.Id].PatchAsync(new DelegatedAdminRelationship { DisplayName = "Litware user admin" });
        Assert.Equal("Litware user admin", renamed!.DisplayName);
        Assert.Equal(TimeSpan.FromDays(730), renamed.Duration);

        // Lock for approval; the customer's admin approves in the portal.
        var locked = await relationships[created.Id].Requests.PostAsync(new DelegatedAdminRelationshipRequest { Action = DelegatedAdminRelationshipRequestAction.LockForApproval });
        Assert.Equal(DelegatedAdminRelationshipRequestAction.LockForApproval, locked!.Action);
        Assert.Equal(DelegatedAdminRelationshipStatus.ApprovalPending, (await relationships[created.Id].GetAsync())!.Status);
        await LitwareApprovesAsync(created.Id!);

        var active = await relationships[created.Id].GetAsync();
        Assert.Equal(DelegatedAdminRelationshipStatus.Active, active!.Status);
        Assert.NotNull(active.ActivatedDateTime);
        Assert.True(active.EndDateTime > DateTimeOffset.UtcNow.AddDays(729));

        // Listed with $filter on status and customer.
        var listed = await relationships.GetAsync(r => r.QueryParameters.Filter = $"status eq 'active' and customer/tenantId eq '{litware}'");
        Assert.Contains(listed!.Value!, r => r.Id == created.Id);
        Assert.All(listed.Value!, r => Assert.Equal(litware.ToString(), r.Customer!.TenantId));

        // Access for a security group (made in the portal), a subset of the roles.
        var group = await ContosoGroupAsync("API helpdesk");

        var assignment = await relationships[created.Id].AccessAssignments.PostAsync(new DelegatedAdminAccessAssignment
        {
            AccessContainer = new DelegatedAdminAccessContainer { AccessContainerId = group.ToString(), AccessContainerType = DelegatedAdminAccessContainerType.SecurityGroup },
            AccessDetails = new DelegatedAdminAccessDetails { UnifiedRoles = [new UnifiedRole { RoleDefinitionId = Role("Directory Readers").ToString() }] },
        });
        Assert.Equal(DelegatedAdminAccessAssignmentStatus.Pending, assignment!.Status);
        await ApplyAccessChangesAsync();
        Assert.Equal(DelegatedAdminAccessAssignmentStatus.Active, Assert.Single((await relationships[created.Id].AccessAssignments.GetAsync())!.Value!).Status);

        // A role the customer did not approve.
        var notApproved = await Assert.ThrowsAsync<ODataError>(() => relationships[created.Id].AccessAssignments.PostAsync(new DelegatedAdminAccessAssignment
        {
            AccessContainer = new DelegatedAdminAccessContainer { AccessContainerId = group.ToString(), AccessContainerType = DelegatedAdminAccessContainerType.SecurityGroup },
            AccessDetails = new DelegatedAdminAccessDetails { UnifiedRoles = [new UnifiedRole { RoleDefinitionId = EntraRoles.GlobalAdministratorId.ToString() }] },
        }));
        Assert.Equal(400, notApproved.ResponseStatusCode);
        Assert.Equal("rolesNotInRelationship", notApproved.Error!.Code);

        // Changing an active relationship's terms is refused; terminating works once, then is refused.
        var tooLate = await Assert.ThrowsAsync<ODataError>(() => relationships[created.Id].PatchAsync(new DelegatedAdminRelationship { DisplayName = "Renamed late" }));
        Assert.Equal("relationshipNotInCreatedState", tooLate.Error!.Code);
        await relationships[created.Id].Requests.PostAsync(new DelegatedAdminRelationshipRequest { Action = DelegatedAdminRelationshipRequestAction.Terminate });
        Assert.Equal(DelegatedAdminRelationshipStatus.Terminated, (await relationships[created.Id].GetAsync())!.Status);
        var again = await Assert.ThrowsAsync<ODataError>(() => relationships[created.Id].Requests.PostAsync(new DelegatedAdminRelationshipRequest { Action = DelegatedAdminRelationshipRequestAction.Terminate }));
        Assert.Equal("relationshipEnded", again.Error!.Code);

        // Validation: 731 days, and auto-extend with Global Administrator; nothing is created.
        var longer = await Assert.ThrowsAsync<ODataError>(() => relationships.PostAsync(NewRelationship("Too long", litware, "P731D", false, "Directory Readers")));
        Assert.Equal("invalidDuration", longer.Error!.Code);
        var withGlobalAdmin = await Assert.ThrowsAsync<ODataError>(() => relationships.PostAsync(NewRelationship("Auto GA", litware, "P30D", true, "Global Administrator")));
        Assert.Equal("autoExtendNotAllowedWithGlobalAdministrator", withGlobalAdmin.Error!.Code);

        // Another organization's relationship does not exist for this application.
        Guid fabrikams;
        await using (var db = portal.Db())
        {
            var fabrikam = await db.Partners.SingleAsync(p => p.MpnId == "2000001");
            var theirs = AdminRelationship.Request(fabrikam.Id, fabrikam.DisplayName, fabrikam.Cloud, "Fabrikam's", 30, [Role("Directory Readers")], false, null, null, DateTimeOffset.UtcNow).Value;
            db.AdminRelationships.Add(theirs);
            await db.SaveChangesAsync();
            fabrikams = theirs.Id;
        }

        var hidden = await Assert.ThrowsAsync<ODataError>(() => relationships[fabrikams.ToString()].GetAsync());
        Assert.Equal(404, hidden.ResponseStatusCode);
        Assert.Equal("NotFound", hidden.Error!.Code);
        var hiddenDelete = await http.DeleteAsync($"/v1.0/tenantRelationships/delegatedAdminRelationships/{fabrikams}");
        Assert.Equal(HttpStatusCode.NotFound, hiddenDelete.StatusCode);

        // The audit log names the application as the actor.
        await using (var db = portal.Db())
        {
            Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "AdminRelationshipRequested" && a.Actor.Contains(app.ClientId.ToString())));
            Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "AdminRelationshipTerminated" && a.Actor.StartsWith("Onboarding script (application")));
        }
    }

    [Fact]
    public async Task Access_assignments_are_read_changed_and_removed_and_each_refusal_has_its_status_and_code()
    {
        var app = await RegisterAsync("Access script", PartnerRole.AdminAgent);
        using var http = Api(await TokenAsync(app));
        var relationships = Graph(http).TenantRelationships.DelegatedAdminRelationships;
        var created = await relationships.PostAsync(NewRelationship("Litware access", await CustomerIdAsync("litware"), "P90D", false, "Directory Readers", "User Administrator"));
        await relationships[created!.Id].Requests.PostAsync(new DelegatedAdminRelationshipRequest { Action = DelegatedAdminRelationshipRequestAction.LockForApproval });
        await LitwareApprovesAsync(created.Id!);
        var group = await ContosoGroupAsync("Access script group");

        DelegatedAdminAccessAssignment For(Guid container, params string[] roles) => new()
        {
            AccessContainer = new DelegatedAdminAccessContainer { AccessContainerId = container.ToString(), AccessContainerType = DelegatedAdminAccessContainerType.SecurityGroup },
            AccessDetails = new DelegatedAdminAccessDetails { UnifiedRoles = roles.Select(r => new UnifiedRole { RoleDefinitionId = Role(r).ToString() }).ToList() },
        };

        var assignments = relationships[created.Id].AccessAssignments;
        var assigned = await assignments.PostAsync(For(group, "Directory Readers"));

        // A second active assignment for the same group is refused, and so is a group that is not one of the partner's.
        var twice = await Assert.ThrowsAsync<ODataError>(() => assignments.PostAsync(For(group, "User Administrator")));
        Assert.Equal(400, twice.ResponseStatusCode);
        Assert.Equal("accessContainerAlreadyAssigned", twice.Error!.Code);
        var unknownGroup = await Assert.ThrowsAsync<ODataError>(() => assignments.PostAsync(For(Guid.NewGuid(), "Directory Readers")));
        Assert.Equal(400, unknownGroup.ResponseStatusCode);
        Assert.Equal("invalidAccessContainer", unknownGroup.Error!.Code);

        // Read it back; change its roles to another approved one; a role the customer did not approve is refused.
        var read = await assignments[assigned!.Id].GetAsync();
        Assert.Equal(group.ToString(), read!.AccessContainer!.AccessContainerId);
        await assignments[assigned.Id].PatchAsync(new DelegatedAdminAccessAssignment
        {
            AccessDetails = new DelegatedAdminAccessDetails { UnifiedRoles = [new UnifiedRole { RoleDefinitionId = Role("User Administrator").ToString() }] },
        });
        await ApplyAccessChangesAsync();
        var notApproved = await Assert.ThrowsAsync<ODataError>(() => assignments[assigned.Id].PatchAsync(new DelegatedAdminAccessAssignment
        {
            AccessDetails = new DelegatedAdminAccessDetails { UnifiedRoles = [new UnifiedRole { RoleDefinitionId = EntraRoles.GlobalAdministratorId.ToString() }] },
        }));
        Assert.Equal("rolesNotInRelationship", notApproved.Error!.Code);
        Assert.Equal([Role("User Administrator").ToString()], (await assignments[assigned.Id].GetAsync())!.AccessDetails!.UnifiedRoles!.Select(r => r.RoleDefinitionId));

        // An application that may not manage admin relationships can do none of it.
        var sales = await RegisterAsync("Sales reader", PartnerRole.SalesAgent);
        using (var salesHttp = Api(await TokenAsync(sales)))
        {
            var salesAssignments = Graph(salesHttp).TenantRelationships.DelegatedAdminRelationships[created.Id].AccessAssignments;
            Assert.Equal(403, (await Assert.ThrowsAsync<ODataError>(() => salesAssignments[assigned.Id].PatchAsync(For(group, "Directory Readers")))).ResponseStatusCode);
            Assert.Equal(403, (await Assert.ThrowsAsync<ODataError>(() => salesAssignments[assigned.Id].DeleteAsync())).ResponseStatusCode);
        }

        // An assignment id under another relationship is not found there.
        var other = await relationships.PostAsync(NewRelationship("Unrelated", null, "P30D", false, "Directory Readers"));
        Assert.Equal(404, (await Assert.ThrowsAsync<ODataError>(() => relationships[other!.Id].AccessAssignments[assigned.Id].GetAsync())).ResponseStatusCode);

        // Remove it: it stays on record as deleted, and the group may be given access again.
        await assignments[assigned.Id].DeleteAsync();
        Assert.Equal(DelegatedAdminAccessAssignmentStatus.Deleted, (await assignments[assigned.Id].GetAsync())!.Status);
        var again = await assignments.PostAsync(For(group, "Directory Readers"));
        Assert.Equal(DelegatedAdminAccessAssignmentStatus.Pending, again!.Status);
        Assert.Equal(2, (await assignments.GetAsync())!.Value!.Count);
        await using (var db = portal.Db())
        {
            Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "AccessAssignmentRemoved" && a.Actor.StartsWith("Access script (application")));
        }
    }

    /// <summary>
    /// Issue 22 part 2: a new assignment is pending until applied; changing its roles, and taking Global Administrator out of an
    /// active relationship, answer 202 with the operation in Location, which the SDK's own request builders poll to succeeded;
    /// a change the job can no longer make fails with its reason; two changes at once leave one queued and refuse the other.
    /// </summary>
    [Fact]
    public async Task Changes_to_access_are_operations_the_SDK_polls_to_succeeded_or_failed()
    {
        var app = await RegisterAsync("Operations script", PartnerRole.AdminAgent);
        using var http = Api(await TokenAsync(app));
        var relationships = Graph(http).TenantRelationships.DelegatedAdminRelationships;
        var created = await relationships.PostAsync(NewRelationship("Litware operations", await CustomerIdAsync("litware"), "P90D", false, "Directory Readers", "User Administrator", "Global Administrator"));
        await relationships[created!.Id].Requests.PostAsync(new DelegatedAdminRelationshipRequest { Action = DelegatedAdminRelationshipRequestAction.LockForApproval });
        await LitwareApprovesAsync(created.Id!);
        var group = await ContosoGroupAsync("Operations group");
        var assignments = relationships[created.Id].AccessAssignments;
        DelegatedAdminAccessAssignment Roles(params string[] roles) => new()
        {
            AccessDetails = new DelegatedAdminAccessDetails { UnifiedRoles = roles.Select(r => new UnifiedRole { RoleDefinitionId = Role(r).ToString() }).ToList() },
        };

        // Pending until the access job applies it; then active.
        var assigned = await assignments.PostAsync(new DelegatedAdminAccessAssignment
        {
            AccessContainer = new DelegatedAdminAccessContainer { AccessContainerId = group.ToString(), AccessContainerType = DelegatedAdminAccessContainerType.SecurityGroup },
            AccessDetails = Roles("Directory Readers", "Global Administrator").AccessDetails,
        });
        Assert.Equal(DelegatedAdminAccessAssignmentStatus.Pending, (await assignments[assigned!.Id].GetAsync())!.Status);
        await ApplyAccessChangesAsync();
        Assert.Equal(DelegatedAdminAccessAssignmentStatus.Active, (await assignments[assigned.Id].GetAsync())!.Status);

        // The same roles change nothing: 200 with the assignment, no operation.
        var same = await assignments[assigned.Id].PatchAsync(Roles("Global Administrator", "Directory Readers"));
        Assert.Equal(DelegatedAdminAccessAssignmentStatus.Active, same!.Status);

        // New roles: 202, Location names the operation, Retry-After says when to look; the SDK polls it by its own builders.
        var native = new NativeResponseHandler();
        await assignments[assigned.Id].PatchAsync(Roles("User Administrator", "Global Administrator"), c => c.Options.Add(new ResponseHandlerOption { ResponseHandler = native }));
        using var accepted = (HttpResponseMessage)native.Value!;
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.NotNull(accepted.Headers.RetryAfter);
        var operationId = accepted.Headers.Location!.Segments[^1];
        Assert.EndsWith($"/delegatedAdminRelationships/{created.Id}/operations/{operationId}", accepted.Headers.Location.AbsolutePath, StringComparison.Ordinal);
        var operation = await relationships[created.Id].Operations[operationId].GetAsync();
        Assert.Equal(LongRunningOperationStatus.NotStarted, operation!.Status);
        Assert.Equal(DelegatedAdminRelationshipOperationType.DelegatedAdminAccessAssignmentUpdate, operation.OperationType);
        Assert.Contains(Role("User Administrator").ToString(), operation.Data, StringComparison.Ordinal);
        Assert.Equal(DelegatedAdminAccessAssignmentStatus.Active, (await assignments[assigned.Id].GetAsync())!.Status);

        // Another change of the same assignment while that one is unfinished is refused, saying why.
        var busy = await Assert.ThrowsAsync<ODataError>(() => assignments[assigned.Id].PatchAsync(Roles("Directory Readers")));
        Assert.Equal(409, busy.ResponseStatusCode);
        Assert.Equal("operationInProgress", busy.Error!.Code);

        await ApplyAccessChangesAsync();
        Assert.Equal(LongRunningOperationStatus.Succeeded, (await relationships[created.Id].Operations[operationId].GetAsync())!.Status);
        Assert.Equal(new[] { Role("Global Administrator"), Role("User Administrator") }.Select(r => r.ToString()).Order(),
            (await assignments[assigned.Id].GetAsync())!.AccessDetails!.UnifiedRoles!.Select(r => r.RoleDefinitionId).Order());

        // Global Administrator out of the active relationship: 202; an evolvable enum member, named only for a caller who asks.
        native = new NativeResponseHandler();
        await relationships[created.Id].PatchAsync(
            new DelegatedAdminRelationship { AccessDetails = Roles("Directory Readers", "User Administrator").AccessDetails },
            c => c.Options.Add(new ResponseHandlerOption { ResponseHandler = native }));
        using var removal = (HttpResponseMessage)native.Value!;
        Assert.Equal(HttpStatusCode.Accepted, removal.StatusCode);
        var removalId = removal.Headers.Location!.Segments[^1];
        Assert.Equal(DelegatedAdminRelationshipOperationType.UnknownFutureValue, (await relationships[created.Id].Operations[removalId].GetAsync())!.OperationType);
        var named = await relationships[created.Id].Operations[removalId].GetAsync(c => c.Headers.Add("Prefer", "include-unknown-enum-members"));
        Assert.Equal(DelegatedAdminRelationshipOperationType.DelegatedAdminRelationshipUpdate, named!.OperationType);
        await ApplyAccessChangesAsync();
        Assert.Equal(LongRunningOperationStatus.Succeeded, (await relationships[created.Id].Operations[removalId].GetAsync())!.Status);
        Assert.DoesNotContain(EntraRoles.GlobalAdministratorId.ToString(), (await relationships[created.Id].GetAsync())!.AccessDetails!.UnifiedRoles!.Select(r => r.RoleDefinitionId));
        Assert.Equal([Role("User Administrator").ToString()], (await assignments[assigned.Id].GetAsync())!.AccessDetails!.UnifiedRoles!.Select(r => r.RoleDefinitionId));

        // Two different changes at once: the database keeps one unfinished change per assignment.
        async Task<HttpStatusCode> PatchAsync(string role)
        {
            using var content = JsonContent.Create(new { accessDetails = new { unifiedRoles = new[] { new { roleDefinitionId = Role(role).ToString() } } } });
            using var response = await http.PatchAsync($"/v1.0/tenantRelationships/delegatedAdminRelationships/{created.Id}/accessAssignments/{assigned.Id}", content);
            return response.StatusCode;
        }

        var raced = await Task.WhenAll(PatchAsync("Directory Readers"), PatchAsync("Directory Readers"), PatchAsync("User Administrator"), PatchAsync("Directory Readers"));
        Assert.Single(raced, s => s == HttpStatusCode.Accepted);
        Assert.All(raced.Where(s => s != HttpStatusCode.Accepted), s => Assert.True(s is HttpStatusCode.Conflict or HttpStatusCode.OK, s.ToString()));

        // The relationship ends before the job runs: the queued change fails, and its data says why.
        await relationships[created.Id].Requests.PostAsync(new DelegatedAdminRelationshipRequest { Action = DelegatedAdminRelationshipRequestAction.Terminate });
        await ApplyAccessChangesAsync();
        var all = (await relationships[created.Id].Operations.GetAsync())!.Value!;
        Assert.Equal(3, all.Count);
        Assert.Equal([LongRunningOperationStatus.Succeeded, LongRunningOperationStatus.Succeeded, LongRunningOperationStatus.Failed], all.Select(o => o.Status!.Value));
        Assert.Contains("accessAssignmentDeleted", all[2].Data, StringComparison.Ordinal);

        // Another relationship's operation id is not found under this one; an id that does not exist is a 404 in Graph's shape.
        var unrelated = await relationships.PostAsync(NewRelationship("Operations elsewhere", null, "P30D", false, "Directory Readers"));
        Assert.Equal(404, (await Assert.ThrowsAsync<ODataError>(() => relationships[unrelated!.Id].Operations[operationId].GetAsync())).ResponseStatusCode);
        Assert.Equal("NotFound", (await Assert.ThrowsAsync<ODataError>(() => relationships[created.Id].Operations[Guid.NewGuid().ToString()].GetAsync())).Error!.Code);
        await using var db = portal.Db();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "AccessAssignmentChanged" && a.Actor.StartsWith("Operations script (application")));
    }

    /// <summary>
    /// Issue 22 part 1: displayName is unique, ignoring case, among the partner's relationships that have not ended, on create
    /// and rename and under parallel creates; an ended relationship's name may be used again.
    /// </summary>
    [Fact]
    public async Task A_display_name_is_unique_among_relationships_not_ended_even_when_created_at_once()
    {
        var app = await RegisterAsync("Naming script", PartnerRole.AdminAgent);
        using var http = Api(await TokenAsync(app));
        var relationships = Graph(http).TenantRelationships.DelegatedAdminRelationships;
        var first = await relationships.PostAsync(NewRelationship("Unique helpdesk", null, "P30D", false, "Directory Readers"));

        var duplicate = await Assert.ThrowsAsync<ODataError>(() => relationships.PostAsync(NewRelationship("UNIQUE HELPDESK ", null, "P30D", false, "Directory Readers")));
        Assert.Equal(409, duplicate.ResponseStatusCode);
        Assert.Equal("duplicateDisplayName", duplicate.Error!.Code);
        Assert.Contains("\"UNIQUE HELPDESK\"", duplicate.Error.Message, StringComparison.Ordinal);

        var second = await relationships.PostAsync(NewRelationship("Unique helpdesk 2", null, "P30D", false, "Directory Readers"));
        var renamed = await Assert.ThrowsAsync<ODataError>(() => relationships[second!.Id].PatchAsync(new DelegatedAdminRelationship { DisplayName = "unique helpdesk" }));
        Assert.Equal("duplicateDisplayName", renamed.Error!.Code);
        Assert.Equal("Unique helpdesk 2", (await relationships[second!.Id].GetAsync())!.DisplayName);

        // Eight creates of one new name at once: one is made, the others are refused with the same code.
        async Task<HttpStatusCode> CreateAsync()
        {
            using var content = JsonContent.Create(new
            {
                displayName = "Raced name",
                duration = "P30D",
                accessDetails = new { unifiedRoles = new[] { new { roleDefinitionId = Role("Directory Readers").ToString() } } },
            });
            using var response = await http.PostAsync("/v1.0/tenantRelationships/delegatedAdminRelationships", content);
            return response.StatusCode;
        }

        var raced = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => CreateAsync()));
        Assert.Single(raced, s => s == HttpStatusCode.Created);
        Assert.All(raced.Where(s => s != HttpStatusCode.Created), s => Assert.Equal(HttpStatusCode.Conflict, s));
        await using (var db = portal.Db())
        {
            Assert.Equal(1, await db.AdminRelationships.CountAsync(r => r.DisplayName == "Raced name"));
        }

        // Once the first has ended (withdrawn), its name is free again.
        await relationships[first!.Id].Requests.PostAsync(new DelegatedAdminRelationshipRequest { Action = DelegatedAdminRelationshipRequestAction.Terminate });
        var again = await relationships.PostAsync(NewRelationship("Unique helpdesk", null, "P30D", false, "Directory Readers"));
        Assert.Equal("Unique helpdesk", again!.DisplayName);
    }

    [Fact]
    public async Task Paging_follows_nextLink_to_the_end_and_a_bad_filter_or_top_is_refused()
    {
        var app = await RegisterAsync("Pager", PartnerRole.AdminAgent);
        using var http = Api(await TokenAsync(app));
        var relationships = Graph(http).TenantRelationships.DelegatedAdminRelationships;
        for (var i = 0; i < 5; i++)
        {
            await relationships.PostAsync(NewRelationship($"Paged {i}", null, "P30D", false, "Directory Readers"));
        }

        var seen = new List<string>();
        var page = await relationships.GetAsync(r => { r.QueryParameters.Top = 2; r.QueryParameters.Filter = "status eq 'created'"; });
        Assert.Equal(2, page!.Value!.Count);
        Assert.NotNull(page.OdataNextLink);
        var iterator = PageIterator<DelegatedAdminRelationship, DelegatedAdminRelationshipCollectionResponse>.CreatePageIterator(Graph(http), page!, r =>
        {
            seen.Add(r.DisplayName!);
            return true;
        });
        await iterator.IterateAsync();
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.All(Enumerable.Range(0, 5), i => Assert.Contains($"Paged {i}", seen));

        var bad = await http.GetAsync("/v1.0/tenantRelationships/delegatedAdminRelationships?$filter=displayName eq 'x'");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("BadRequest", (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetProperty("code").GetString());
        var badTop = await http.GetAsync("/v1.0/tenantRelationships/delegatedAdminRelationships?$top=0");
        Assert.Equal(HttpStatusCode.BadRequest, badTop.StatusCode);
    }

    [Fact]
    public async Task A_retried_create_with_the_same_idempotency_key_creates_once_and_a_stale_ETag_is_refused()
    {
        var app = await RegisterAsync("Retrier", PartnerRole.AdminAgent);
        using var http = Api(await TokenAsync(app));
        var body = JsonSerializer.Serialize(new
        {
            displayName = "Idempotent",
            duration = "P90D",
            accessDetails = new { unifiedRoles = new[] { new { roleDefinitionId = Role("Directory Readers").ToString() } } },
        });

        async Task<HttpResponseMessage> PostAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1.0/tenantRelationships/delegatedAdminRelationships") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
            request.Headers.Add("Idempotency-Key", "create-idempotent-1");
            return await http.SendAsync(request);
        }

        var responses = await Task.WhenAll(PostAsync(), PostAsync(), PostAsync());
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var ids = await Task.WhenAll(responses.Select(async r => (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()));
        Assert.Single(ids.Distinct());
        await using (var db = portal.Db())
        {
            Assert.Equal(1, await db.AdminRelationships.CountAsync(r => r.DisplayName == "Idempotent"));
        }

        // If-Match: the ETag read is accepted once; after that change it is stale and nothing is saved.
        var read = await http.GetAsync($"/v1.0/tenantRelationships/delegatedAdminRelationships/{ids[0]}");
        var etag = read.Headers.ETag!.ToString();
        async Task<HttpResponseMessage> PatchAsync(string name)
        {
            using var request = new HttpRequestMessage(HttpMethod.Patch, $"/v1.0/tenantRelationships/delegatedAdminRelationships/{ids[0]}")
            {
                Content = new StringContent(JsonSerializer.Serialize(new { displayName = name }), System.Text.Encoding.UTF8, "application/json"),
            };
            request.Headers.TryAddWithoutValidation("If-Match", etag);
            return await http.SendAsync(request);
        }

        Assert.Equal(HttpStatusCode.OK, (await PatchAsync("First writer")).StatusCode);
        var stale = await PatchAsync("Second writer");
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal("PreconditionFailed", (await stale.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetProperty("code").GetString());
        await using (var db = portal.Db())
        {
            Assert.True(await db.AdminRelationships.AnyAsync(r => r.DisplayName == "First writer"));
        }

        // Deleting while created works; the row is gone.
        Assert.Equal(HttpStatusCode.NoContent, (await http.DeleteAsync($"/v1.0/tenantRelationships/delegatedAdminRelationships/{ids[0]}")).StatusCode);
        await using (var db = portal.Db())
        {
            Assert.False(await db.AdminRelationships.AnyAsync(r => r.Id == Guid.Parse(ids[0]!)));
        }
    }

    [Fact]
    public async Task Bad_credentials_a_missing_token_a_role_without_the_permission_and_a_revoked_application_are_refused()
    {
        var app = await RegisterAsync("Revocable", PartnerRole.AdminAgent);
        using (var wrong = await TokenResponseAsync(app.ClientId, app.Secret + "x"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
            Assert.Equal("invalid_client", (await wrong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        }

        using (var anonymous = portal.Factory.CreateClient())
        {
            var refused = await anonymous.GetAsync("/v1.0/tenantRelationships/delegatedAdminRelationships");
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Equal("InvalidAuthenticationToken", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetProperty("code").GetString());
        }

        // A Sales agent application may read nothing it is not allowed to change: creating is forbidden.
        var sales = await RegisterAsync("Sales script", PartnerRole.SalesAgent);
        using (var salesHttp = Api(await TokenAsync(sales)))
        {
            var forbidden = await Assert.ThrowsAsync<ODataError>(() => Graph(salesHttp).TenantRelationships.DelegatedAdminRelationships.PostAsync(NewRelationship("Not allowed", null, "P30D", false, "Directory Readers")));
            Assert.Equal(403, forbidden.ResponseStatusCode);
            Assert.Equal("Forbidden", forbidden.Error!.Code);
        }

        var token = await TokenAsync(app);
        using var http = Api(token);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/v1.0/tenantRelationships/delegatedAdminRelationships")).StatusCode);

        // Revoked in the portal: the token in hand stops working, and no new one is issued.
        using var admin = portal.NewClient();
        await admin.SignInAsync(Partner("contoso", PartnerRole.GlobalAdmin));
        var list = await admin.GetAsync("/ApiApplications");
        await admin.SubmitAsync(list, $"tr[data-application=\"Revocable\"] form");
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/v1.0/tenantRelationships/delegatedAdminRelationships")).StatusCode);
        using var after = await TokenResponseAsync(app.ClientId, app.Secret);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);

        // Another partner's Global admin cannot revoke Contoso's application by its id.
        var other = await RegisterAsync("Kept", PartnerRole.AdminAgent);
        using var fabrikam = portal.NewClient();
        await fabrikam.SignInAsync(Partner("fabrikam", PartnerRole.GlobalAdmin));
        var theirPage = await fabrikam.GetAsync("/ApiApplications");
        Assert.DoesNotContain("Kept", theirPage.Text);
        var forged = await fabrikam.PostRawAsync(theirPage, $"/ApiApplications?handler=Revoke&id={other.ClientId}", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.NotFound, forged.Status);
        using var stillWorks = await TokenResponseAsync(other.ClientId, other.Secret);
        Assert.Equal(HttpStatusCode.OK, stillWorks.StatusCode);
    }

    private static async Task<(string Code, string Message, string RequestId, string Date)> GraphErrorOf(HttpResponseMessage response)
    {
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error");
        var inner = error.GetProperty("innerError");
        return (error.GetProperty("code").GetString()!, error.GetProperty("message").GetString()!, inner.GetProperty("request-id").GetString()!, inner.GetProperty("date").GetString()!);
    }

    /// <summary>Issue 24: a good token on a path the API lacks hears 404 (or 405), never "your token is wrong"; 401 is for tokens.</summary>
    [Fact]
    public async Task A_path_the_API_lacks_answers_404_with_the_unknown_segment_a_wrong_method_405_and_only_a_bad_token_401()
    {
        var app = await RegisterAsync("Typo script", PartnerRole.AdminAgent);
        using var http = Api(await TokenAsync(app));
        var someRelationship = Guid.CreateVersion7();

        foreach (var (path, segment) in new[]
        {
            ("/v1.0/tenantRelationships/noSuchCollection", "noSuchCollection"),
            ($"/v1.0/tenantRelationships/delegatedAdminRelationships/{someRelationship}/noSuchSegment", "noSuchSegment"),
        })
        {
            using var response = await http.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            var (code, message, requestId, date) = await GraphErrorOf(response);
            Assert.Equal("ResourceNotFound", code);
            Assert.Contains($"'{segment}'", message, StringComparison.Ordinal);
            Assert.True(Guid.TryParse(requestId, out _));
            Assert.True(DateTimeOffset.TryParse(date, System.Globalization.CultureInfo.InvariantCulture, out _));
        }

        // Partner Center's shape on /v1.
        using (var pc = await http.GetAsync("/v1/noSuchResource"))
        {
            Assert.Equal(HttpStatusCode.NotFound, pc.StatusCode);
            var body = await pc.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(404, body.GetProperty("code").GetInt32());
            Assert.Equal("NotFound", body.GetProperty("errorName").GetString());
            Assert.Contains("'noSuchResource'", body.GetProperty("description").GetString(), StringComparison.Ordinal);
        }

        // A known path with a method it does not take.
        using (var put = await http.PutAsync("/v1.0/tenantRelationships/delegatedAdminRelationships", JsonContent.Create(new { displayName = "x" })))
        {
            Assert.Equal(HttpStatusCode.MethodNotAllowed, put.StatusCode);
            Assert.Contains("GET", put.Content.Headers.Allow);
            Assert.Contains("POST", put.Content.Headers.Allow);
            Assert.Equal("MethodNotAllowed", (await GraphErrorOf(put)).Code);
        }

        // Without a token, or with a revoked one, the same paths still say the token is the problem.
        using (var anonymous = portal.Factory.CreateClient())
        {
            using var response = await anonymous.GetAsync("/v1.0/tenantRelationships/noSuchCollection");
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("InvalidAuthenticationToken", (await GraphErrorOf(response)).Code);
        }

        using var admin = portal.NewClient();
        await admin.SignInAsync(Partner("contoso", PartnerRole.GlobalAdmin));
        await admin.SubmitAsync(await admin.GetAsync("/ApiApplications"), $"tr[data-application=\"Typo script\"] form");
        using (var revoked = await http.GetAsync("/v1.0/tenantRelationships/noSuchCollection"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);
            Assert.Equal("InvalidAuthenticationToken", (await GraphErrorOf(revoked)).Code);
        }

        using var revokedKnown = await http.GetAsync("/v1/noSuchResource");
        Assert.Equal(HttpStatusCode.Unauthorized, revokedKnown.StatusCode);
    }

    /// <summary>Issue 24: the requests a script posted (and a person's clicks on the pages) are listed and read back with the SDK.</summary>
    [Fact]
    public async Task Requests_made_of_a_relationship_are_listed_and_read_with_the_Graph_SDK()
    {
        var app = await RegisterAsync("Request follower", PartnerRole.AdminAgent);
        using var http = Api(await TokenAsync(app));
        var relationships = Graph(http).TenantRelationships.DelegatedAdminRelationships;
        var created = await relationships.PostAsync(NewRelationship("Requests followed", await CustomerIdAsync("litware"), "P90D", false, "Directory Readers"));
        Assert.Empty((await relationships[created!.Id].Requests.GetAsync())!.Value!);

        var locked = await relationships[created.Id].Requests.PostAsync(new DelegatedAdminRelationshipRequest { Action = DelegatedAdminRelationshipRequestAction.LockForApproval });

        // The partner withdraws it on the relationship's page: that request is listed too.
        using var agent = portal.NewClient();
        await agent.SignInAsync(Partner("contoso"));
        var confirm = await agent.GetAsync($"/AdminRelationships/Details/{created.Id}?confirm=terminate");
        await agent.SubmitAsync(confirm, "form[action*='handler=Terminate']");
        Assert.Equal(DelegatedAdminRelationshipStatus.Terminated, (await relationships[created.Id].GetAsync())!.Status);

        var listed = (await relationships[created.Id].Requests.GetAsync())!.Value!;
        Assert.Equal([DelegatedAdminRelationshipRequestAction.LockForApproval, DelegatedAdminRelationshipRequestAction.Terminate], listed.Select(r => r.Action!.Value));
        Assert.All(listed, r => Assert.Equal(DelegatedAdminRelationshipRequestStatus.Succeeded, r.Status));
        Assert.Equal(locked!.Id, listed[0].Id);
        Assert.True(listed[0].CreatedDateTime <= listed[1].CreatedDateTime);
        Assert.NotNull(listed[1].LastModifiedDateTime);

        var one = await relationships[created.Id].Requests[listed[1].Id].GetAsync();
        Assert.Equal(DelegatedAdminRelationshipRequestAction.Terminate, one!.Action);

        // Paged with $top and @odata.nextLink.
        var first = await relationships[created.Id].Requests.GetAsync(r => r.QueryParameters.Top = 1);
        Assert.Single(first!.Value!);
        Assert.NotNull(first.OdataNextLink);
        using (var next = await http.GetAsync(first.OdataNextLink))
        {
            var value = (await next.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("value");
            Assert.Equal(listed[1].Id, value[0].GetProperty("id").GetString());
        }

        // $top out of range, another relationship's request, and another organization's relationship.
        var badTop = await Assert.ThrowsAsync<ODataError>(() => relationships[created.Id].Requests.GetAsync(r => r.QueryParameters.Top = 301));
        Assert.Equal(400, badTop.ResponseStatusCode);
        var other = await relationships.PostAsync(NewRelationship("Requests other", null, "P30D", false, "Directory Readers"));
        var elsewhere = await Assert.ThrowsAsync<ODataError>(() => relationships[other!.Id].Requests[listed[0].Id].GetAsync());
        Assert.Equal(404, elsewhere.ResponseStatusCode);

        await using var db = portal.Db();
        var fabrikam = await db.Partners.SingleAsync(p => p.MpnId == "2000001");
        var theirs = AdminRelationship.Request(fabrikam.Id, fabrikam.DisplayName, fabrikam.Cloud, "Fabrikam's requests", 30, [Role("Directory Readers")], false, null, null, DateTimeOffset.UtcNow).Value;
        db.AdminRelationships.Add(theirs);
        await db.SaveChangesAsync();
        var hidden = await Assert.ThrowsAsync<ODataError>(() => relationships[theirs.Id.ToString()].Requests.GetAsync());
        Assert.Equal(404, hidden.ResponseStatusCode);
    }
}
