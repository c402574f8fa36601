using EfaGateway.Core.Tenants;

namespace EfaGateway.Host.Forms;

/// <summary>Route constraint <c>slug</c>: tenant and process ids as Core checks them.</summary>
public sealed class SlugRouteConstraint : IRouteConstraint
{
    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
        values.TryGetValue(routeKey, out var value) && value is string text && TenantId.IsValid(text);
}
