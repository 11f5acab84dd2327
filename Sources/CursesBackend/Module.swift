// CursesBackend: placeholder until the backend lands.
