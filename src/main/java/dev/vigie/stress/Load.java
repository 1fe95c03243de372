package dev.vigie.stress;

/** How a run's requests are paced. Runs on the run's own event loop. */
interface Load {
  /** Starts sending; {@code whenDone} runs once the plan is complete and nothing is in flight. */
  void start(Runnable whenDone);

  /** Sends nothing more. */
  void stop();
}
