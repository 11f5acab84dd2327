// TerminalCore: placeholder until its module lands.
