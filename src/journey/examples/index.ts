import type { JourneyDocument } from '../document';
import { welcomeJourney } from './welcome';
import { cartAbandonmentJourney } from './cart-abandonment';

export const exampleJourneys: JourneyDocument[] = [welcomeJourney, cartAbandonmentJourney];
export { welcomeJourney, cartAbandonmentJourney };
