using Microsoft.AspNetCore.Authorization;

namespace PartnerPortal.Web.Features.Customers;

/// <summary>Everything the Customers feature needs in the container: its handlers, queries, authorization and jobs.</summary>
public static class CustomersFeature
{
    public static IServiceCollection AddCustomers(this IServiceCollection services)
    {
        services.AddScoped<CustomerRecords>();
        services.AddScoped<AddCustomerForResellerHandler>();
        services.AddScoped<AddCustomerWizard>();
        services.AddScoped<CustomerList>();
        services.AddScoped<CustomerOrganizations>();
        services.AddScoped<CreateOrganizationHandler>();
        services.AddSingleton<IAuthorizationHandler, CustomerAuthorizationHandler>();
        return services;
    }
}
