/**
 * Astro's log destination for `npm run build`: the project's own (src/integrations/buildLog.ts),
 * behind the hold that keeps Astro's lines back until the check's report is printed (gate.ts).
 */
import buildLog from '../integrations/buildLog.ts';
import { logHold } from './gate.ts';

export default function heldLog(): ReturnType<typeof buildLog> {
  const destination = buildLog();
  return {
    write(event) {
      const hold = logHold.get();
      if (hold) hold.write(() => destination.write(event));
      else destination.write(event);
    },
  };
}
