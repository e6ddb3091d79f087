package org.caseline.ivr;

/** What a prompt sounds like: 8 kHz mu-law audio, for a phone line to play. */
public interface PromptAudio {

    /** The audio of {@code spoken}: an administrator's recording, pre-rendered audio, or speech synthesis. */
    byte[] ulaw(IvrService.Spoken spoken);
}
