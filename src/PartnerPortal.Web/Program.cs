using PartnerPortal.Web.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.AddPortalLogging();
builder.Services.AddPortal(builder.Configuration, builder.Environment);

var app = builder.Build();
await app.PrepareDatabaseAsync();
app.UsePortal();
await app.RunAsync();
