import { JourneyReport } from '@/components/report/journey-report';

export default async function JourneyReportPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <JourneyReport journeyId={decodeURIComponent(id)} />;
}
