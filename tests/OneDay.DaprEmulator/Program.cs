using OneDay.DaprEmulator.Cli;

return await EmulatorCommandLine.RunAsync(args).ConfigureAwait(false);
