using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using PartnerPortal.Domain.Clouds;
using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Customers;
using PartnerPortal.Domain.Invitations;
using PartnerPortal.Domain.Partners;
using PartnerPortal.Domain.Relationships;
using PartnerPortal.Web.Data;
using PartnerPortal.Web.Infrastructure;
using PartnerPortal.Web.Tenancy;

namespace PartnerPortal.Web.Features.Invitations;

/// <summary>
/// The customer's side of a reseller relationship invitation (seed 000 step 5, seed 003 steps 3-5): what the link asks, whether
/// the organization may accept it, and accepting or declining it.
/// </summary>
public sealed class AcceptInvitationHandler(PortalDbContext db, CrossOrganizationLookups lookups, AuditTrail audit, TimeProvider clock)
{
    public sealed record Conflict(DelegatedAdminService Service, string Holder);

    /// <summary>The link as the visitor sees it, and for a customer's admin, what accepting would mean for the organization.</summary>
    public sealed record Invitation(InvitationLink Link, Partner Inviter, Partner? Provider)
    {
        public Partner BillingPartner => Provider ?? Inviter;
        public CloudPolicy Policy => CloudPolicies.For(Inviter.Cloud);
        public Customer? Customer { get; init; }
        public DomainError? Refusal { get; init; }
        public bool AlreadyAccepted { get; init; }
        public IReadOnlyList<Conflict> Conflicts { get; init; } = [];
        public bool NeedsAgreement => Customer is { HasAcceptedCustomerAgreement: false };
    }

    public sealed record Acceptance(bool AcceptAgreement, IReadOnlySet<DelegatedAdminService> WithoutDelegatedAdminFor, Guid? SentInvitationId);

    /// <summary>Null for a link that was altered or never issued. The customer part is filled for a customer's admin only.</summary>
    public async Task<Invitation?> LoadAsync(ClaimsPrincipal user, string code)
    {
        var link = await lookups.FindInvitationLinkAsync(code);
        if (link is null || link.Kind != InvitationKind.ResellerRelationship || await lookups.FindPartnerAsync(link.PartnerId) is not { } inviter)
        {
            return null;
        }

        var provider = link.IndirectProviderId is { } providerId ? await lookups.FindPartnerAsync(providerId) : null;
        var invitation = new Invitation(link, inviter, provider);
        if (user.CustomerId() is not { } customerId)
        {
            return invitation;
        }

        var customer = await db.CustomerAggregates.SingleAsync(c => c.Id == customerId);
        return await EvaluateAsync(invitation with { Customer = customer });
    }

    /// <summary>Accepts the invitation as <see cref="LoadAsync"/> found it for this user (a customer's admin).</summary>
    public async Task<CommandResult<Invitation>> AcceptAsync(ClaimsPrincipal user, Invitation invitation, Acceptance acceptance)
    {
        if (invitation.Customer is not { } customer)
        {
            return CommandResult<Invitation>.Forbidden;
        }

        if (invitation.Refusal is { } refusal)
        {
            return CommandResult<Invitation>.Refused(refusal);
        }

        if (invitation.AlreadyAccepted)
        {
            return CommandResult<Invitation>.Done(invitation);
        }

        var now = clock.GetUtcNow();
        var link = invitation.Link;
        if (invitation.NeedsAgreement)
        {
            if (!acceptance.AcceptAgreement)
            {
                return CommandResult<Invitation>.Refused(Refusals.Customers.AgreementNotAccepted, invitation.Policy.CustomerAgreementName);
            }

            customer.AcceptCustomerAgreement(user.Identity!.Name!, now);
            audit.Record("CustomerAgreementAccepted", invitation.BillingPartner.Id, customer.Id, customer.CompanyName, null, customer.AgreementAcceptance);
        }

        var accepted = customer.AcceptResellerRelationship(invitation.BillingPartner, invitation.Inviter, link.IncludesDelegatedAdmin, acceptance.WithoutDelegatedAdminFor, now);
        if (!accepted.Succeeded)
        {
            return CommandResult<Invitation>.Refused(accepted.Error!);
        }

        var after = new
        {
            Partner = invitation.BillingPartner.DisplayName,
            IndirectReseller = invitation.Provider is null ? null : invitation.Inviter.DisplayName,
            DelegatedAdmin = accepted.Value.GrantedServices.Select(s => s.ToString()),
        };
        audit.Record("RelationshipAccepted", invitation.BillingPartner.Id, customer.Id, customer.CompanyName, null, after);
        if (invitation.Provider is not null)
        {
            audit.Record("RelationshipAccepted", invitation.Inviter.Id, customer.Id, customer.CompanyName, null, after);
        }

        (await lookups.FindSentInvitationAsync(link, acceptance.SentInvitationId))?.MarkAccepted(customer.CompanyName, now);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } unique)
        {
            // Someone acted at the same moment; the database kept the rules. Say what now holds, as the sequential case would.
            db.ChangeTracker.Clear();
            var current = await LoadAsync(user, link.Code);
            if (unique.ConstraintName == Data.Configurations.DelegatedAdminGrantIndexes.OnePartnerPerService && current is { Conflicts.Count: > 0 })
            {
                return new CommandResult<Invitation>(CommandStatus.Refused, current, Customer.DelegatedAdminHeldByAnother(current.Conflicts[0].Service));
            }

            return CommandResult<Invitation>.Done(current!);
        }

        return CommandResult<Invitation>.Done(invitation);
    }

    public async Task<CommandResult<Invitation>> DeclineAsync(Invitation invitation, Guid? sentInvitationId)
    {
        if (invitation.Customer is not { } customer)
        {
            return CommandResult<Invitation>.Forbidden;
        }

        // Recorded against the customer too, so the partner's Audit log shows it when filtered by that customer.
        audit.Record("InvitationDeclined", invitation.Link.PartnerId, customer.Id, customer.CompanyName, null, new { Customer = customer.CompanyName, invitation.Link.IncludesDelegatedAdmin });
        (await lookups.FindSentInvitationAsync(invitation.Link, sentInvitationId))?.MarkDeclined(clock.GetUtcNow());
        await db.SaveChangesAsync();
        return CommandResult<Invitation>.Done(invitation);
    }

    private async Task<Invitation> EvaluateAsync(Invitation invitation)
    {
        var customer = invitation.Customer!;
        if (invitation.Provider is { } provider)
        {
            var partnership = await lookups.ActivePartnershipAsync(provider.Id, invitation.Inviter.Id);
            var partnered = PartnershipRules.CheckActivePartnership(provider, invitation.Inviter, partnership);
            if (!partnered.Succeeded)
            {
                return invitation with { Refusal = partnered.Error };
            }
        }

        var allowed = customer.CanWorkWith(invitation.BillingPartner);
        if (!allowed.Succeeded)
        {
            return invitation with { Refusal = allowed.Error };
        }

        var inviter = invitation.Inviter;
        var requested = invitation.Link.IncludesDelegatedAdmin ? DelegatedAdminServices.All : [];
        var conflicts = customer.DelegatedAdminConflicts(inviter.Id, requested);
        var missingGrants = requested.Where(s => !customer.ActiveGrants.Any(g => g.PartnerId == inviter.Id && g.Service == s))
            .Except(conflicts.Select(c => c.Service));
        var relationship = customer.ActiveRelationshipWith(invitation.BillingPartner.Id);
        var associated = invitation.Provider is null || relationship?.IndirectResellerId == inviter.Id;
        var holders = await lookups.PartnerNamesAsync(conflicts.Select(c => c.HolderPartnerId).Distinct().ToList());
        return invitation with
        {
            AlreadyAccepted = relationship is not null && associated && !missingGrants.Any(),
            Conflicts = conflicts.Select(c => new Conflict(c.Service, holders[c.HolderPartnerId])).ToList(),
        };
    }
}
