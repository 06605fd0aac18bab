'use client';

import { CircleStop } from 'lucide-react';
import end from '@/journey/nodes/end';
import { defineKindUi } from './define';

/** The end node has no settings: declared JSON-only, so the inspector says "This node has no settings". */
export default defineKindUi(end, { icon: CircleStop, form: 'json' });
