// What a scenario is: a named check in the running workbench that may take one screenshot for the README.
import type { Workbench } from '../workbench';

export interface ScenarioContext {
  wb: Workbench;
  /** Saves a screenshot (by default the scenario's `screenshot` name) into the run's screenshot folder. */
  screenshot(name?: string): Promise<void>;
  /** A line for the log, prefixed with the scenario's name. */
  note(message: string): void;
}

export interface Scenario {
  name: string;
  /** File name of the screenshot it takes, e.g. `completion.png`. */
  screenshot: string;
  run(context: ScenarioContext): Promise<void>;
}
