using PartnerPortal.Domain.AdminRelationships;
using PartnerPortal.Domain.Common;

namespace PartnerPortal.Domain.Onboarding;

/// <summary>One line of a template: a security group of the partner's staff and the roles it gets on each customer.</summary>
public sealed record AccessTemplateLineInput(Guid GroupId, IReadOnlyCollection<Guid> Roles);

/// <summary>
/// What a partner asks of many customers at once (issue 19): a duration, auto-extend, and "security group → roles" lines. The
/// relationship asks for the union of the lines' roles; when the customer approves, each line becomes an access assignment.
/// The rules of a request hold for a template (1–730 days, roles from the Entra role table, no auto-extend with Global
/// Administrator). Editing a template never changes a relationship already requested: an onboarding keeps its own copy.
/// </summary>
public class AccessTemplate
{
    public const int MaxNameLength = 80;
    public const int MaxPurposeLength = 200;

    private readonly List<AccessTemplateLine> _lines = [];

    private AccessTemplate()
    {
        Name = null!;
    }

    private AccessTemplate(Guid partnerId, DateTimeOffset at)
    {
        Id = Guid.CreateVersion7();
        PartnerId = partnerId;
        Name = string.Empty;
        CreatedAt = at;
    }

    public Guid Id { get; private set; }
    public Guid PartnerId { get; private set; }
    public string Name { get; private set; }
    public string? Purpose { get; private set; }
    public int DurationDays { get; private set; }
    public bool AutoExtend { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? ChangedAt { get; private set; }

    /// <summary>PostgreSQL's xmin: two people editing at once cannot both win.</summary>
    public uint Version { get; private set; }

    public IReadOnlyList<AccessTemplateLine> Lines => _lines;

    /// <summary>What the relationship asks for: every line's roles, in the role table's order.</summary>
    public IReadOnlyList<Guid> Roles => EntraRoles.InOrder(_lines.SelectMany(l => l.Roles).Distinct()).Select(r => r.Id).ToList();

    public static Result<AccessTemplate> Create(Guid partnerId, string? name, string? purpose, int durationDays, bool autoExtend, IReadOnlyCollection<AccessTemplateLineInput> lines, DateTimeOffset at)
    {
        var template = new AccessTemplate(partnerId, at);
        var set = template.Set(name, purpose, durationDays, autoExtend, lines);
        return set.Succeeded ? Result<AccessTemplate>.Ok(template) : Result<AccessTemplate>.Fail(set.Error!);
    }

    public Result Change(string? name, string? purpose, int durationDays, bool autoExtend, IReadOnlyCollection<AccessTemplateLineInput> lines, DateTimeOffset at)
    {
        var set = Set(name, purpose, durationDays, autoExtend, lines);
        if (set.Succeeded)
        {
            ChangedAt = at;
        }

        return set;
    }

    private Result Set(string? name, string? purpose, int durationDays, bool autoExtend, IReadOnlyCollection<AccessTemplateLineInput> lines)
    {
        var trimmed = name?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
        {
            return Result.Fail(Refusals.AccessTemplates.NameRequired);
        }

        if (trimmed.Length > MaxNameLength || !TextRules.IsReadableText(trimmed))
        {
            return Result.Fail(Refusals.Names.TooLong, MaxNameLength);
        }

        var about = string.IsNullOrWhiteSpace(purpose) ? null : purpose.Trim();
        if (about is not null && (about.Length > MaxPurposeLength || !TextRules.IsReadableText(about)))
        {
            return Result.Fail(Refusals.AccessTemplates.PurposeTooLong, MaxPurposeLength);
        }

        if (lines.Count == 0)
        {
            return Result.Fail(Refusals.AccessTemplates.LinesRequired);
        }

        if (lines.Any(l => l.GroupId == Guid.Empty))
        {
            return Result.Fail(Refusals.AccessTemplates.GroupRequired);
        }

        if (lines.GroupBy(l => l.GroupId).Any(g => g.Count() > 1))
        {
            return Result.Fail(Refusals.AccessTemplates.GroupTwice);
        }

        if (lines.Any(l => l.Roles.Count == 0))
        {
            return Result.Fail(Refusals.AdminRelationships.RolesRequired);
        }

        if (AdminRelationshipRules.CheckTerms(durationDays, lines.SelectMany(l => l.Roles).Distinct().ToList(), autoExtend) is { } refused)
        {
            return Result.Fail(refused);
        }

        (Name, Purpose, DurationDays, AutoExtend) = (trimmed, about, durationDays, autoExtend);
        _lines.Clear();
        _lines.AddRange(lines.Select(l => new AccessTemplateLine(Id, l.GroupId, EntraRoles.InOrder(l.Roles.Distinct()).Select(r => r.Id).ToArray())));
        return Result.Ok();
    }
}

public class AccessTemplateLine
{
    private AccessTemplateLine()
    {
        Roles = [];
    }

    internal AccessTemplateLine(Guid templateId, Guid groupId, Guid[] roles)
    {
        Id = Guid.CreateVersion7();
        TemplateId = templateId;
        GroupId = groupId;
        Roles = roles;
    }

    public Guid Id { get; private set; }
    public Guid TemplateId { get; private set; }
    public Guid GroupId { get; private set; }
    public Guid[] Roles { get; private set; }
}

/// <summary>
/// The least-privileged templates the portal ships (issue 19). They are not rows: a partner copies one, picks its own security
/// groups for it, and edits it like any other.
/// </summary>
public static class StarterTemplates
{
    public sealed record Starter(string Key, string Name, string Purpose, IReadOnlyList<Guid> Roles);

    public static IReadOnlyList<Starter> All { get; } =
    [
        new("helpdesk", "Helpdesk", "Reset passwords, manage users' sign-in problems and open support requests for the customer.",
            Roles("Helpdesk Administrator", "Service Support Administrator", "Directory Readers")),
        new("licensing", "Licensing", "Assign and remove licences for the customer's users.",
            Roles("License Administrator", "Directory Readers")),
        new("security-review", "Security review", "Read the customer's security settings, alerts and usage reports without changing anything.",
            Roles("Security Reader", "Reports Reader", "Directory Readers")),
    ];

    /// <summary>A starter's duration: the longest a relationship may run; auto-extend on (none of them has Global Administrator).</summary>
    public const int DurationDays = AdminRelationshipRules.MaxDurationDays;

    public static Starter? Find(string? key) => All.SingleOrDefault(s => s.Key == key);

    private static Guid[] Roles(params string[] names) =>
        EntraRoles.InOrder(names.Select(n => EntraRoles.All.Single(r => r.Name == n).Id)).Select(r => r.Id).ToArray();
}
