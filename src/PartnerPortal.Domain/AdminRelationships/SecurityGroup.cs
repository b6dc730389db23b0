using PartnerPortal.Domain.Common;

namespace PartnerPortal.Domain.AdminRelationships;

/// <summary>
/// A security group of a partner's own users. Access assignments give a group some of an admin relationship's roles; only
/// the group's members act on that customer with them.
/// </summary>
public class SecurityGroup
{
    public const int MaxNameLength = 80;
    public const int MaxDescriptionLength = 300;

    private readonly List<GroupMember> _members = [];

    private SecurityGroup()
    {
        Name = null!;
    }

    private SecurityGroup(Guid partnerId, string name, string? description, DateTimeOffset at)
    {
        Id = Guid.CreateVersion7();
        PartnerId = partnerId;
        Name = name;
        Description = description;
        CreatedAt = at;
    }

    public Guid Id { get; private set; }
    public Guid PartnerId { get; private set; }
    public string Name { get; private set; }
    public string? Description { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When the group was deleted: it keeps its row for the history of its access, and its name is free again.</summary>
    public DateTimeOffset? DeletedAt { get; private set; }
    public IReadOnlyList<GroupMember> Members => _members;

    /// <summary>Deletes the group; never while it still holds access on a customer (the caller says whether it does).</summary>
    public Result Delete(bool holdsAccess, DateTimeOffset at)
    {
        if (holdsAccess)
        {
            return Result.Fail(Refusals.SecurityGroups.HoldsAccess);
        }

        _members.Clear();
        DeletedAt ??= at;
        return Result.Ok();
    }

    public static Result<SecurityGroup> Create(Guid partnerId, string? name, string? description, DateTimeOffset at)
    {
        var trimmed = name?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
        {
            return Result<SecurityGroup>.Fail(Refusals.SecurityGroups.NameRequired);
        }

        if (trimmed.Length > MaxNameLength || trimmed.Any(char.IsControl))
        {
            return Result<SecurityGroup>.Fail(Refusals.Names.TooLong, MaxNameLength);
        }

        var about = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        if (about is { Length: > MaxDescriptionLength })
        {
            return Result<SecurityGroup>.Fail(Refusals.SecurityGroups.DescriptionTooLong, MaxDescriptionLength);
        }

        return Result<SecurityGroup>.Ok(new SecurityGroup(partnerId, trimmed, about, at));
    }

    /// <summary>Adds one of the partner's users (the caller checks the user is the partner's).</summary>
    public Result AddMember(Guid userId, DateTimeOffset at)
    {
        if (_members.Any(m => m.UserId == userId))
        {
            return Result.Fail(Refusals.SecurityGroups.AlreadyMember);
        }

        _members.Add(new GroupMember(Id, userId, at));
        return Result.Ok();
    }

    public Result RemoveMember(Guid userId)
    {
        var member = _members.SingleOrDefault(m => m.UserId == userId);
        if (member is null)
        {
            return Result.Fail(Refusals.SecurityGroups.NotMember);
        }

        _members.Remove(member);
        return Result.Ok();
    }
}

public class GroupMember
{
    private GroupMember()
    {
    }

    internal GroupMember(Guid groupId, Guid userId, DateTimeOffset at)
    {
        GroupId = groupId;
        UserId = userId;
        AddedAt = at;
    }

    public Guid GroupId { get; private set; }
    public Guid UserId { get; private set; }
    public DateTimeOffset AddedAt { get; private set; }
}
