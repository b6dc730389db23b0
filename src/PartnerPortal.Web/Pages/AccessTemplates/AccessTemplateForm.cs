using PartnerPortal.Domain.Onboarding;
using PartnerPortal.Web.Features.Onboarding;

namespace PartnerPortal.Web.Pages.AccessTemplates;

/// <summary>The access template's form: its terms and its lines (a group and its roles), as rows of a plain form.</summary>
public sealed class AccessTemplateForm
{
    public string? Name { get; set; }
    public string? Purpose { get; set; }
    public int DurationDays { get; set; } = StarterTemplates.DurationDays;
    public bool AutoExtend { get; set; } = true;
    public List<LineForm> Lines { get; set; } = [];
    public uint Version { get; set; }

    public sealed class LineForm
    {
        public Guid? GroupId { get; set; }
        public List<Guid> Roles { get; set; } = [];
    }

    /// <summary>A saved template to change, its lines in the order of their groups' names (the order the page lists groups in).</summary>
    public static AccessTemplateForm Of(AccessTemplate template, IReadOnlyDictionary<Guid, string> groupNames) => new()
    {
        Name = template.Name,
        Purpose = template.Purpose,
        DurationDays = template.DurationDays,
        AutoExtend = template.AutoExtend,
        Version = template.Version,
        Lines = template.Lines.OrderBy(x => groupNames.GetValueOrDefault(x.GroupId), StringComparer.CurrentCulture)
            .Select(x => new LineForm { GroupId = x.GroupId, Roles = x.Roles.ToList() }).ToList(),
    };

    /// <summary>The handler's input; a line left entirely empty is no line.</summary>
    public AccessTemplateInput ToInput() => new(Name, Purpose, DurationDays, AutoExtend,
        Lines.Where(x => x.GroupId is not null || x.Roles.Count > 0).Select(x => new AccessTemplateLineInput(x.GroupId ?? Guid.Empty, x.Roles)).ToList());
}
