import { JourneyEditor } from '@/components/canvas/journey-editor';

export default async function JourneyPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <JourneyEditor journeyId={decodeURIComponent(id)} />;
}
