import type { JourneyDocument } from '../document';
import { welcomeJourney } from './welcome';
import { secondPurchaseJourney } from './second-purchase';
import { birthdayJourney } from './birthday';
import { cartAbandonmentJourney } from './cart-abandonment';
import { winbackJourney } from './winback';
import { tierUpgradeJourney } from './tier-upgrade';

/** The six example journeys of REQUIREMENTS.md, in its order; the template gallery and tests use them. */
export const exampleJourneys: JourneyDocument[] = [
  welcomeJourney,
  secondPurchaseJourney,
  birthdayJourney,
  cartAbandonmentJourney,
  winbackJourney,
  tierUpgradeJourney,
];
export { welcomeJourney, secondPurchaseJourney, birthdayJourney, cartAbandonmentJourney, winbackJourney, tierUpgradeJourney };
