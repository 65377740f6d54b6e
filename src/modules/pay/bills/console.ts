export function registerPayBillsConsoleRoutes(): void {}
