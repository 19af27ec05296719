// This plugin has no Koa route middlewares; its Document Service middlewares
// (link-on-save, track-directory) are registered in register.ts.
export default {};
