/** The flags in scripts/server-node-flags, for starting the server from Node. */
export function serverNodeFlags(): string[];
