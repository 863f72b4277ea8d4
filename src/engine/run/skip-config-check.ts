/** Apply's flag for a saved plan whose configuration is gone; its own module so the CLI defines it without loading the config readers. */
export const SKIP_CONFIG_CHECK_FLAG = '--skip-config-check';
