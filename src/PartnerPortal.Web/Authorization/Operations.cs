using Microsoft.AspNetCore.Authorization.Infrastructure;

namespace PartnerPortal.Web.Authorization;

/// <summary>What a page asks to do with a resource; each resource's handler decides (ContactManager's pattern).</summary>
public static class Operations
{
    /// <summary>See the resource at all. Failing it is answered with 404: another organization's ids do not exist for you.</summary>
    public static readonly OperationAuthorizationRequirement View = new() { Name = nameof(View) };

    /// <summary>Order subscriptions for a customer.</summary>
    public static readonly OperationAuthorizationRequirement Order = new() { Name = nameof(Order) };

    /// <summary>End the partner's reseller relationship with a customer.</summary>
    public static readonly OperationAuthorizationRequirement RemoveRelationship = new() { Name = nameof(RemoveRelationship) };

    /// <summary>Change a subscription's license count (seller or associated reseller).</summary>
    public static readonly OperationAuthorizationRequirement ChangeQuantity = new() { Name = nameof(ChangeQuantity) };

    /// <summary>Change a subscription's reseller and support contact (the seller only).</summary>
    public static readonly OperationAuthorizationRequirement ChangeSellerFields = new() { Name = nameof(ChangeSellerFields) };

    /// <summary>Send an invitation link by email.</summary>
    public static readonly OperationAuthorizationRequirement Send = new() { Name = nameof(Send) };

    /// <summary>Change a user's roles.</summary>
    public static readonly OperationAuthorizationRequirement ChangeRoles = new() { Name = nameof(ChangeRoles) };
}
