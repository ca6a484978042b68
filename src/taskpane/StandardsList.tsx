import { Body1, Subtitle2 } from '@fluentui/react-components';
import { bundledCatalog } from '../domain/standards/bundled';

/** The bundled qualifications; the building and browsing screens are issue #5. */
export function StandardsList() {
  const qualifications = bundledCatalog().list();
  return (
    <main aria-label="VQ Matrix">
      <Subtitle2 as="h1">Bundled standards</Subtitle2>
      <ul>
        {qualifications.map((q) => (
          <li key={q.id}>
            <Body1>
              {q.title} ({q.identifiers.map((i) => i.value).join(', ')}): {q.units.length} units
            </Body1>
          </li>
        ))}
      </ul>
    </main>
  );
}
