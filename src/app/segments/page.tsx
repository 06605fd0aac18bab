import { SegmentsPage } from '@/components/segments/segments-page';

export default function Segments() {
  return <SegmentsPage />;
}
