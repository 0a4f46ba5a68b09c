// Names an online migration gives what it makes (docs/zero-downtime.md).

/** The schema of views through which the new application version sees the tables a migration changes online. */
export const versionSchema = (version: string) => `sfm_v${version}`;
