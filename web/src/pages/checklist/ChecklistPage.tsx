/** Stub until the page is built: the navigation entry exists so helpers own separate files. */
import type { Me } from '../../api';
import { Placeholder } from '../Placeholder';

export const ChecklistPage = (_: { user: Me }) => <Placeholder page="checklist" />;
