using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using PartnerPortal.Domain.Access;
using PartnerPortal.Domain.Onboarding;
using PartnerPortal.Web.Data;
using PartnerPortal.Web.Features.AdminRelationships;
using PartnerPortal.Web.Infrastructure;
using PartnerPortal.Web.Tenancy;

namespace PartnerPortal.Web.Features.Onboarding;

/// <summary>What a person enters for a template, on the page or through a script.</summary>
public sealed record AccessTemplateInput(string? Name, string? Purpose, int DurationDays, bool AutoExtend, IReadOnlyCollection<AccessTemplateLineInput> Lines);

/// <summary>
/// Access templates (issue 19): create, change and delete the partner's own. A line may name only one of the partner's security
/// groups; the name is unique per partner (the database's unique index decides between two people saving at once); a change
/// names the row version it was made on, so two editors cannot both win.
/// </summary>
public sealed class AccessTemplateCommands(PortalDbContext db, AuditTrail audit, TimeProvider clock)
{
    public async Task<CommandResult<Guid>> CreateAsync(ClaimsPrincipal user, AccessTemplateInput input)
    {
        if (!user.Has(Permission.ManageAdminRelationships) || user.PartnerId() is not { } partnerId)
        {
            return CommandResult<Guid>.Forbidden;
        }

        if (await CheckGroupsAsync(input) is { } unknown)
        {
            return unknown;
        }

        var created = AccessTemplate.Create(partnerId, input.Name, input.Purpose, input.DurationDays, input.AutoExtend, input.Lines, clock.GetUtcNow());
        if (!created.Succeeded)
        {
            return CommandResult<Guid>.Refused(created.Error!);
        }

        db.AccessTemplates.Add(created.Value);
        audit.Record("AccessTemplateCreated", partnerId, null, created.Value.Name, null, await DescribeAsync(created.Value));
        return await SaveAsync(created.Value.Id);
    }

    public async Task<CommandResult<Guid>> ChangeAsync(ClaimsPrincipal user, Guid id, AccessTemplateInput input, uint expectedVersion)
    {
        if (!user.Has(Permission.ManageAdminRelationships))
        {
            return CommandResult<Guid>.Forbidden;
        }

        var template = await db.AccessTemplates.Include(t => t.Lines).SingleOrDefaultAsync(t => t.Id == id);
        if (template is null)
        {
            return CommandResult<Guid>.NotFound;
        }

        if (template.Version != expectedVersion)
        {
            return CommandResult<Guid>.Conflict(PortalRefusals.Onboarding.TemplateChangedMeanwhile);
        }

        if (await CheckGroupsAsync(input) is { } unknown)
        {
            return unknown;
        }

        var before = await DescribeAsync(template);
        var changed = template.Change(input.Name, input.Purpose, input.DurationDays, input.AutoExtend, input.Lines, clock.GetUtcNow());
        if (!changed.Succeeded)
        {
            return CommandResult<Guid>.Refused(changed.Error!);
        }

        audit.Record("AccessTemplateChanged", template.PartnerId, null, template.Name, before, await DescribeAsync(template));
        return await SaveAsync(template.Id);
    }

    /// <summary>Deletes a template; onboardings made from it keep their own copy of its lines and go on.</summary>
    public async Task<CommandResult<Guid>> DeleteAsync(ClaimsPrincipal user, Guid id)
    {
        if (!user.Has(Permission.ManageAdminRelationships))
        {
            return CommandResult<Guid>.Forbidden;
        }

        var template = await db.AccessTemplates.Include(t => t.Lines).SingleOrDefaultAsync(t => t.Id == id);
        if (template is null)
        {
            return CommandResult<Guid>.NotFound;
        }

        audit.Record("AccessTemplateDeleted", template.PartnerId, null, template.Name, await DescribeAsync(template), null);
        db.AccessTemplates.Remove(template);
        return await SaveAsync(template.Id);
    }

    /// <summary>Every line names one of the partner's security groups (another partner's id reads as a wrong choice).</summary>
    private async Task<CommandResult<Guid>?> CheckGroupsAsync(AccessTemplateInput input)
    {
        var ids = input.Lines.Select(l => l.GroupId).Where(g => g != Guid.Empty).Distinct().ToArray();
        var known = await db.SecurityGroups.CountAsync(g => ids.Contains(g.Id));
        return known == ids.Length ? null : CommandResult<Guid>.Refused(PortalRefusals.AdminRelationships.UnknownSecurityGroup);
    }

    private async Task<object> DescribeAsync(AccessTemplate template)
    {
        var ids = template.Lines.Select(l => l.GroupId).ToArray();
        var names = await db.SecurityGroups.IgnoreQueryFilters([QueryFilters.Deleted]).Where(g => ids.Contains(g.Id)).ToDictionaryAsync(g => g.Id, g => g.Name);
        return new
        {
            template.Name,
            template.Purpose,
            template.DurationDays,
            template.AutoExtend,
            Lines = template.Lines.Select(l => new { Group = names.GetValueOrDefault(l.GroupId), Roles = AdminRelationshipCommands.RoleNames(l.Roles) }).ToList(),
        };
    }

    private async Task<CommandResult<Guid>> SaveAsync(Guid id)
    {
        try
        {
            await db.SaveChangesAsync();
            return CommandResult<Guid>.Done(id);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            db.ChangeTracker.Clear();
            return CommandResult<Guid>.Refused(PortalRefusals.Onboarding.TemplateNameTaken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return CommandResult<Guid>.Conflict(PortalRefusals.Onboarding.TemplateChangedMeanwhile);
        }
    }
}
