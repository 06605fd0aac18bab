import { JourneyList } from '@/components/journey-list';

export default function HomePage() {
  return <JourneyList />;
}
