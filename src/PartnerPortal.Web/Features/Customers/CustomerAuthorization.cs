using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using PartnerPortal.Domain.Access;
using PartnerPortal.Domain.Customers;
using PartnerPortal.Web.Authorization;
using PartnerPortal.Web.Infrastructure;
using PartnerPortal.Web.Tenancy;

namespace PartnerPortal.Web.Features.Customers;

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
        var allowed = requirement.Name switch
        {
            nameof(Operations.View) => customer.RelationshipSeenBy(partnerId) is not null,
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
