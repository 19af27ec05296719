// The admin routes use Strapi's own admin::isAuthenticatedAdmin and admin::hasPermissions.
export default {};
