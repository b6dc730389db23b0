using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using PartnerPortal.Domain.Access;
using PartnerPortal.Domain.Customers;
using PartnerPortal.Web.Data;
using PartnerPortal.Web.Identity;
using PartnerPortal.Web.Infrastructure;

namespace PartnerPortal.Web.Features.Customers;

/// <summary>
/// The step every door that makes a customer organization shares (Add new customer for a reseller, the customer's own
/// sign-up): the customer row and its first Customer admin account, inside the caller's transaction. A domain taken a moment
/// earlier or an account Identity refuses rolls the transaction back, so no customer is left without its admin.
/// </summary>
public sealed class CustomerOrganizations(PortalDbContext db, UserManager<ApplicationUser> users)
{
    public async Task<CommandResult<ApplicationUser>> AddAsync(IDbContextTransaction transaction, Customer customer, ApplicationUser admin, string password)
    {
        db.Customers.Add(customer);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Another form (not this one twice) took the domain a moment earlier.
            await transaction.RollbackAsync();
            db.ChangeTracker.Clear();
            return CommandResult<ApplicationUser>.Refused(PortalRefusals.Customers.DomainTaken, customer.Domain);
        }

        var created = await users.CreateAsync(admin, password);
        if (!created.Succeeded)
        {
            await transaction.RollbackAsync();
            db.ChangeTracker.Clear();
            return CommandResult<ApplicationUser>.Refused(PortalRefusals.Users.AccountNotCreated, string.Join(" ", created.Errors.Select(e => e.Description)));
        }

        await users.AddToRoleAsync(admin, CustomerRole.CustomerAdmin);
        return CommandResult<ApplicationUser>.Done(admin);
    }
}
