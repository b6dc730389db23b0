using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using PartnerPortal.Domain.Access;
using PartnerPortal.Domain.Catalog;
using PartnerPortal.Domain.Customers;
using PartnerPortal.Web.Authorization;
using PartnerPortal.Web.Infrastructure;
using PartnerPortal.Web.Tenancy;

namespace PartnerPortal.Web.Features.Subscriptions;

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

        var worksWithCustomer = customer.RelationshipSeenBy(partnerId) is not null;
        var isSeller = subscription.PartnerId == partnerId;
        var manages = context.User.Has(Permission.ManageSubscriptions);
        var allowed = worksWithCustomer && requirement.Name switch
        {
            nameof(Operations.View) => subscription.IsVisibleTo(partnerId),
            nameof(Operations.ChangeQuantity) => subscription.IsVisibleTo(partnerId) && manages,
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
