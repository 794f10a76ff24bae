import { api } from '../../../services/api';
import { useState } from 'react';
import { useSession } from '../../../hooks/use-session';
import { DemoClockCard, useApiClock } from '../components/api-today';
import { Workbench } from '../components/workbench';
import { NoticesBoard } from './board';
import './index.scss';

const ROLES = ['city-reviewer', 'admin'] as const;

function NoticesPage() {
  const session = useSession();
  const [clock, reloadClock] = useApiClock(api);
  // The board reads again once the demo clock moved (notices it ended are gone from it).
  const [generation, setGeneration] = useState(0);
  return (
    <Workbench active="notices" title="公示与异议" roles={ROLES}>
      {clock ? (
        <>
          {session?.user.role === 'admin' ? (
            <DemoClockCard
              client={api}
              clock={clock}
              onMoved={() => {
                reloadClock();
                setGeneration((g) => g + 1);
              }}
            />
          ) : null}
          <NoticesBoard key={`${clock.today}-${generation}`} client={api} today={clock.today} />
        </>
      ) : null}
    </Workbench>
  );
}

export default NoticesPage;
