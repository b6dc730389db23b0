using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using PartnerPortal.Domain.Access;
using PartnerPortal.Domain.Catalog;
using PartnerPortal.Domain.Customers;
using PartnerPortal.Domain.Invitations;
using PartnerPortal.Web.Identity;
using PartnerPortal.Web.Infrastructure;
using PartnerPortal.Web.Tenancy;

namespace PartnerPortal.Web.Authorization;

/// <summary>
/// Who may do what with a customer. The resource is the whole aggregate (<c>PortalDbContext.CustomerAggregates</c>), so the
/// decision sees every relationship, not only the signed-in partner's.
/// </summary>
public sealed class CustomerAuthorizationHandler : AuthorizationHandler<OperationAuthorizationRequirement, Customer>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, OperationAuthorizationRequirement requirement, Customer customer)
    {
        if (context.User.PartnerId() is not { } partnerId)
        {
            // A customer's admin sees its own organization only.
            if (requirement == Operations.View && context.User.CustomerId() == customer.Id)
            {
                context.Succeed(requirement);
            }

            return Task.CompletedTask;
        }

        var billed = customer.ActiveRelationshipWith(partnerId) is not null;
        var associated = customer.Relationships.Any(r => r.IsActive && r.IndirectResellerId == partnerId);
        var allowed = requirement.Name switch
        {
            nameof(Operations.View) => billed || associated,
            nameof(Operations.Order) => billed && context.User.Has(Permission.ManageSubscriptions),
            nameof(Operations.RemoveRelationship) => billed && context.User.Has(Permission.RemoveCustomerRelationship),
            _ => false,
        };
        if (allowed)
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}

/// <summary>A subscription together with its customer aggregate: access follows the customer relationship.</summary>
public sealed record SubscriptionOfCustomer(Subscription Subscription, Customer Customer);

/// <summary>
/// Who may see and change a subscription: its seller or its named reseller, and only while that partner still works with the
/// customer (an active relationship as billing partner or associated reseller). The seller alone sets reseller and support contact.
/// </summary>
public sealed class SubscriptionAuthorizationHandler : AuthorizationHandler<OperationAuthorizationRequirement, SubscriptionOfCustomer>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, OperationAuthorizationRequirement requirement, SubscriptionOfCustomer resource)
    {
        var (subscription, customer) = resource;
        if (context.User.PartnerId() is not { } partnerId || subscription.CustomerId != customer.Id)
        {
            return Task.CompletedTask;
        }

        var worksWithCustomer = customer.Relationships.Any(r => r.IsActive && (r.PartnerId == partnerId || r.IndirectResellerId == partnerId));
        var isSeller = subscription.PartnerId == partnerId;
        var isReseller = subscription.ResellerId == partnerId;
        var manages = context.User.Has(Permission.ManageSubscriptions);
        var allowed = worksWithCustomer && requirement.Name switch
        {
            nameof(Operations.View) => isSeller || isReseller,
            nameof(Operations.ChangeQuantity) => (isSeller || isReseller) && manages,
            nameof(Operations.ChangeSellerFields) => isSeller && manages,
            _ => false,
        };
        if (allowed)
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}

/// <summary>
/// Who may send a partner's invitation link: its partner's staff with the role for its kind, and, for a link that carries
/// delegated admin, only a role that may request delegated admin (a Sales agent cannot send such a link by knowing its id).
/// </summary>
public sealed class InvitationLinkAuthorizationHandler : AuthorizationHandler<OperationAuthorizationRequirement, InvitationLink>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, OperationAuthorizationRequirement requirement, InvitationLink link)
    {
        if (context.User.PartnerId() != link.PartnerId)
        {
            return Task.CompletedTask;
        }

        var allowed = requirement.Name switch
        {
            nameof(Operations.View) => true,
            nameof(Operations.Send) => link.Kind == InvitationKind.Partnership
                ? context.User.Has(Permission.ManageIndirectResellers)
                : context.User.Has(Permission.RequestResellerRelationship)
                    && (!link.IncludesDelegatedAdmin || context.User.Has(Permission.IncludeDelegatedAdmin)),
            _ => false,
        };
        if (allowed)
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}

/// <summary>Who may see and change a user: the same organization's user managers; nobody changes their own roles.</summary>
public sealed class OrganizationUserAuthorizationHandler : AuthorizationHandler<OperationAuthorizationRequirement, ApplicationUser>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, OperationAuthorizationRequirement requirement, ApplicationUser user)
    {
        var sameOrganization = (user.PartnerId is not null && user.PartnerId == context.User.PartnerId())
            || (user.CustomerId is not null && user.CustomerId == context.User.CustomerId());
        var allowed = sameOrganization && requirement.Name switch
        {
            nameof(Operations.View) => context.User.Has(Permission.ManageUsers),
            nameof(Operations.ChangeRoles) => context.User.Has(Permission.ManageUsers) && context.User.UserId() != user.Id,
            _ => false,
        };
        if (allowed)
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
