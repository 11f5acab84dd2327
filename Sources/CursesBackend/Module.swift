// CursesBackend: placeholder until its module lands.
