// Imported first by the runner: the product's logger reads LOG_LEVEL when it loads.
process.env.LOG_LEVEL ??= "error";
