using PartnerPortal.Web.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.AddPortalLogging();
builder.Services.AddPortal(builder.Configuration, builder.Environment);

var app = builder.Build();
if (args.Contains("--schema-script"))
{
    // Prints the DDL of the current model: the reference when writing a migration by hand (docs/decisions/0002).
    Console.WriteLine(app.SchemaScript());
    return;
}

await app.PrepareDatabaseAsync();
app.UsePortal();
await app.RunAsync();
