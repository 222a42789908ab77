package io.github.isce4j;

/**
 * A setting the caller gave is out of its range: the message starts with the setting's name
 * ("eps must be finite and >= 0, got -1"), and {@link #setting()} gives that name as data, so a
 * command line can say which flag was wrong without reading the message.
 */
public final class InvalidSetting extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** The name of the setting that was out of range, as {@link #setting()} returns it. */
    private final String setting;

    /**
     * @param setting the setting's name as the library's records and config.json spell it, e.g.
     *     {@code eps} or {@code batch_size}
     * @param problem what is wrong, continuing the sentence after the name, e.g. "must be >= 1, got 0"
     */
    public InvalidSetting(String setting, String problem) {
        super(setting + " " + problem);
        this.setting = setting;
    }

    /**
     * Refuses a setting unless {@code ok}.
     *
     * @param ok whether the setting is acceptable
     * @param setting the setting's name
     * @param problem what is wrong, continuing the sentence after the name
     * @throws InvalidSetting when {@code ok} is false
     */
    public static void require(boolean ok, String setting, String problem) {
        if (!ok) {
            throw new InvalidSetting(setting, problem);
        }
    }

    /** @return the setting's name, e.g. {@code eps} */
    public String setting() {
        return setting;
    }

    /** @return the problem without the setting's name, e.g. "must be >= 1, got 0" */
    public String problem() {
        return getMessage().substring(setting.length() + 1);
    }
}
