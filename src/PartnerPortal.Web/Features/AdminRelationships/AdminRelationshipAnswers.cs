using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.Access;
using PartnerPortal.Domain.AdminRelationships;
using PartnerPortal.Web.Data;
using PartnerPortal.Web.Infrastructure;
using PartnerPortal.Web.Tenancy;

namespace PartnerPortal.Web.Features.AdminRelationships;

/// <summary>
/// The customer's side of granular delegated admin (issue 10): approve or reject a request from its link, and terminate an
/// active relationship from Partner relationships. The relationship's row is locked first: two admins answering at once, or
/// an answer crossing the partner's withdrawal, leave one outcome.
/// </summary>
public sealed class AdminRelationshipAnswers(PortalDbContext db, CrossOrganizationLookups lookups, AuditTrail audit, Onboarding.OnboardingJob onboarding, TimeProvider clock)
{
    public Task<AdminRelationship?> FindAsync(string code) => lookups.FindAdminRelationshipAsync(code);

    public Task<CommandResult<AdminRelationship>> ApproveAsync(ClaimsPrincipal user, string code) =>
        AnswerAsync(user, code, approve: true);

    public Task<CommandResult<AdminRelationship>> RejectAsync(ClaimsPrincipal user, string code) =>
        AnswerAsync(user, code, approve: false);

    private async Task<CommandResult<AdminRelationship>> AnswerAsync(ClaimsPrincipal user, string code, bool approve)
    {
        if (!user.Has(Permission.ManagePartnerRelationships) || user.CustomerId() is not { } customerId)
        {
            return CommandResult<AdminRelationship>.Forbidden;
        }

        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == customerId).Select(c => new { c.Id, c.CompanyName, c.Cloud }).SingleAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var found = await lookups.FindAdminRelationshipAsync(code);
        if (found is null)
        {
            return CommandResult<AdminRelationship>.NotFound;
        }

        // Read again under the row lock: what another admin or the partner did a moment ago counts.
        await db.Database.ExecuteSqlAsync($"""SELECT 1 FROM "AdminRelationships" WHERE "Id" = {found.Id} FOR UPDATE""");
        db.ChangeTracker.Clear();
        found = (await lookups.FindAdminRelationshipAsync(code))!;
        var now = clock.GetUtcNow();
        var answered = approve
            ? found.Approve(customer.Id, customer.CompanyName, customer.Cloud, now)
            : found.Reject(customer.Id, customer.CompanyName, customer.Cloud, now);
        if (!answered.Succeeded)
        {
            return new CommandResult<AdminRelationship>(CommandStatus.Refused, found, answered.Error);
        }

        foreach (var sent in await lookups.SentCopiesOfAsync(found.Id))
        {
            if (approve)
            {
                sent.MarkAccepted(customer.CompanyName, now);
            }
            else
            {
                sent.MarkDeclined(now);
            }
        }

        audit.Record(approve ? "AdminRelationshipApproved" : "AdminRelationshipRejected", found.PartnerId, customer.Id, AdminRelationshipCommands.Subject(found), null, AdminRelationshipCommands.Describe(found));
        await db.SaveChangesAsync();
        await transaction.CommitAsync();

        // An onboarding waiting for this answer gives its groups their roles now rather than at the job's next poll.
        onboarding.Nudge();
        return CommandResult<AdminRelationship>.Done(found);
    }

    /// <summary>The customer ends one of its active admin relationships; its partner's access ends with it.</summary>
    public async Task<CommandResult<AdminRelationship>> TerminateAsync(ClaimsPrincipal user, Guid id)
    {
        if (!user.Has(Permission.ManagePartnerRelationships))
        {
            return CommandResult<AdminRelationship>.Forbidden;
        }

        await using var transaction = await db.Database.BeginTransactionAsync();
        if (!await db.AdminRelationships.AnyAsync(r => r.Id == id))
        {
            return CommandResult<AdminRelationship>.NotFound;
        }

        var relationship = await db.LockedAdminRelationshipAsync(id);
        var ended = relationship.Terminate(RelationshipSide.Customer, clock.GetUtcNow());
        if (!ended.Succeeded)
        {
            return CommandResult<AdminRelationship>.Refused(ended.Error!);
        }

        audit.Record("AdminRelationshipTerminated", relationship.PartnerId, relationship.CustomerId, AdminRelationshipCommands.Subject(relationship), null, AdminRelationshipCommands.Describe(relationship));
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return CommandResult<AdminRelationship>.Done(relationship);
    }
}
